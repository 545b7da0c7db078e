package auth

import (
	"net/http"
	"slices"
	"strings"
)

// payloadHash returns the payload hash to put in the canonical request. S3
// signs whatever x-amz-content-sha256 says (and checks hex values against the
// body after the signature); other services hash the body themselves.
func (p *parsed) payloadHash(r *http.Request, body []byte) (string, *Error) {
	if p.fam != FamilyS3 {
		if r.Header.Get(hdrContentSHA) == unsignedPayload {
			return unsignedPayload, nil
		}
		return sha256Hex(body), nil
	}
	if p.presigned {
		if v, ok := queryParam(r.URL.RawQuery, qContentSHA); ok {
			return v, nil
		}
		return unsignedPayload, nil
	}
	v := r.Header.Get(hdrContentSHA)
	switch {
	case v == "":
		return "", errNoContentSHA(p.fam)
	case v == unsignedPayload, v == streamingSigned, v == streamingSignedTrailer, v == streamingUnsignedTrailer, isHexSHA256(v):
		return v, nil
	}
	return "", errBadContentSHA(p.fam, v)
}

// checkUnsignedHeaders enforces S3's rule that every x-amz-* header is signed.
func (p *parsed) checkUnsignedHeaders(r *http.Request, names []string) *Error {
	var missing []string
	for k := range r.Header {
		if len(k) < 6 || !strings.EqualFold(k[:6], "x-amz-") {
			continue
		}
		lk := strings.ToLower(k)
		if p.presigned && lk == "x-amz-content-sha256" {
			continue
		}
		if !slices.Contains(names, lk) {
			missing = append(missing, lk)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return errUnsignedHeaders(p.fam, missing)
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
