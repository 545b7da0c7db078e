package s3

import (
	"net/http"
	"net/url"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// ResolveOperation implements service.OperationResolver: S3 names its operation by
// method, by whether a bucket and key are addressed, and by the sub-resource in the
// query (?policy, ?uploads, ?list-type=2…). Query parameters that are not
// sub-resources (the SDKs' x-id, response-content-type…) do not change the operation.
// A sub-resource the simulator does not implement resolves to a name the service has
// no handler for, which the router answers with S3's NotImplemented.
func (s *Service) ResolveOperation(req *protocol.Request) (string, error) {
	r := req.HTTP
	t := targetOf(r)
	q := r.URL.Query()
	has := func(name string) bool { _, ok := q[name]; return ok }
	switch {
	case t.bucket == "":
		if r.Method == http.MethodGet {
			return "ListBuckets", nil
		}
	case t.key == "":
		return bucketOperation(r.Method, q, has), nil
	default:
		if op := objectOperation(r, has); op != "" {
			return op, nil
		}
	}
	return "Unsupported", nil
}

// bucketSubresources maps ?<sub-resource> on a bucket to its operation's name stem
// ("policy" → Get/Put/DeleteBucketPolicy).
var bucketSubresources = []struct{ query, stem string }{
	{"policy", "BucketPolicy"},
	{"encryption", "BucketEncryption"},
	{"tagging", "BucketTagging"},
	{"publicAccessBlock", "PublicAccessBlock"},
	{"acl", "BucketAcl"},
	{"versioning", "BucketVersioning"},
	{"location", "BucketLocation"},
	{"lifecycle", "BucketLifecycleConfiguration"},
	{"cors", "BucketCors"},
	{"website", "BucketWebsite"},
	{"logging", "BucketLogging"},
	{"notification", "BucketNotificationConfiguration"},
	{"ownershipControls", "BucketOwnershipControls"},
	{"policyStatus", "BucketPolicyStatus"},
	{"replication", "BucketReplication"},
	{"object-lock", "ObjectLockConfiguration"},
	{"requestPayment", "BucketRequestPayment"},
	{"accelerate", "BucketAccelerateConfiguration"},
}

func bucketOperation(method string, q url.Values, has func(string) bool) string {
	for _, sr := range bucketSubresources {
		if !has(sr.query) {
			continue
		}
		switch method {
		case http.MethodGet:
			return "Get" + sr.stem
		case http.MethodPut:
			return "Put" + sr.stem
		case http.MethodDelete:
			return "Delete" + sr.stem
		}
		return "Unsupported"
	}
	switch method {
	case http.MethodGet:
		switch {
		case has("uploads"):
			return "ListMultipartUploads"
		case has("versions"):
			return "ListObjectVersions"
		case q.Get("list-type") == "2":
			return "ListObjectsV2"
		}
		return "ListObjects"
	case http.MethodPut:
		return "CreateBucket"
	case http.MethodHead:
		return "HeadBucket"
	case http.MethodDelete:
		return "DeleteBucket"
	case http.MethodPost:
		if has("delete") {
			return "DeleteObjects"
		}
	}
	return "Unsupported"
}

func objectOperation(r *http.Request, has func(string) bool) string {
	switch {
	case has("tagging"):
		return map[string]string{http.MethodGet: "GetObjectTagging", http.MethodPut: "PutObjectTagging", http.MethodDelete: "DeleteObjectTagging"}[r.Method]
	case has("acl"):
		return map[string]string{http.MethodGet: "GetObjectAcl", http.MethodPut: "PutObjectAcl"}[r.Method]
	case has("retention"), has("legal-hold"), has("restore"), has("select"), has("attributes"), has("torrent"):
		return "Unsupported"
	}
	copySource := r.Header.Get("X-Amz-Copy-Source") != ""
	switch r.Method {
	case http.MethodPut:
		switch {
		case has("uploadId") && copySource:
			return "UploadPartCopy"
		case has("uploadId"):
			return "UploadPart"
		case copySource:
			return "CopyObject"
		}
		return "PutObject"
	case http.MethodGet:
		if has("uploadId") {
			return "ListParts"
		}
		return "GetObject"
	case http.MethodHead:
		return "HeadObject"
	case http.MethodDelete:
		if has("uploadId") {
			return "AbortMultipartUpload"
		}
		return "DeleteObject"
	case http.MethodPost:
		switch {
		case has("uploads"):
			return "CreateMultipartUpload"
		case has("uploadId"):
			return "CompleteMultipartUpload"
		}
	}
	return "Unsupported"
}
