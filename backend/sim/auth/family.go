package auth

import (
	"net/http"
	"strings"
)

// DetectFamily picks the error wording for a request to service (the signing
// name; "" when unknown): S3 for "s3", JSON for awsJson/CBOR requests and
// JSON-only services, query otherwise.
func DetectFamily(r *http.Request, service string) Family {
	switch service {
	case "s3":
		return FamilyS3
	case "cloudtrail", "logs":
		return FamilyJSON
	}
	if r.Header.Get("X-Amz-Target") != "" || r.Header.Get("Smithy-Protocol") != "" {
		return FamilyJSON
	}
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/x-amz-json") || strings.HasPrefix(ct, "application/cbor") {
		return FamilyJSON
	}
	return FamilyQuery
}
