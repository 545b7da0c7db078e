package auth

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Signature is what a verified request was signed with; handlers use it to
// identify the caller and to decode streaming (aws-chunked) bodies.
type Signature struct {
	AccessKeyID   string
	Date          time.Time // from X-Amz-Date (or Date)
	Region        string    // credential scope region
	Service       string    // credential scope service (signing name)
	SignedHeaders []string
	Presigned     bool
	// PayloadHash is the payload hash that was signed: the x-amz-content-sha256
	// value (a hex hash, UNSIGNED-PAYLOAD or a STREAMING-* marker) or, for
	// non-S3 services, the hash computed from the body.
	PayloadHash string
	// SeedSignature is the request's own signature; aws-chunked chunk
	// signatures chain from it, so DecodeChunked needs it.
	SeedSignature string
	// SessionToken is X-Amz-Security-Token (header or query). Verify does not
	// check it: temporary credentials are the caller's business.
	SessionToken string
	// DecodedContentLength is x-amz-decoded-content-length, or -1 when absent.
	DecodedContentLength int64
	// Trailers lists the trailing headers announced in x-amz-trailer
	// (lowercase); DecodeChunked insists they arrive.
	Trailers []string
	// Expires is a presigned URL's X-Amz-Expires (zero for header auth).
	Expires time.Duration

	amzDate string // X-Amz-Date as used in the string to sign
}

// Streaming reports whether the body is aws-chunked and must go through DecodeChunked.
func (s *Signature) Streaming() bool { return strings.HasPrefix(s.PayloadHash, "STREAMING-") }

// SecretLookup returns the secret for an access key id; ok=false when unknown (or inactive).
type SecretLookup func(accessKeyID string) (secret string, ok bool)

// Verify checks r's SigV4 signature (Authorization header or presigned query).
// body is the complete raw request body; now is the real wall clock, because
// clients sign with real time (not the simulator's simulated clock). The error,
// when non-nil, is an *Error worded for the request's family (see DetectFamily).
func Verify(r *http.Request, body []byte, lookup SecretLookup, now time.Time) (*Signature, error) {
	sig, err := verify(r, body, lookup, now.UTC())
	if err != nil {
		return nil, err
	}
	return sig, nil
}

func verify(r *http.Request, body []byte, lookup SecretLookup, now time.Time) (*Signature, *Error) {
	authz := r.Header.Get(hdrAuthz)
	presigned := isPresigned(r.URL.RawQuery)
	var p parsed
	var err *Error
	switch {
	case authz != "" && presigned:
		cred, _ := queryParam(r.URL.RawQuery, qCredential)
		sc, _ := parseCredential(cred)
		return nil, errMixed(DetectFamily(r, sc.service), authz)
	case authz != "":
		p, err = parseHeaderAuth(r, authz, now)
	case presigned:
		p, err = parsePresigned(r, now)
	default:
		return nil, errMissing(DetectFamily(r, ""))
	}
	if err != nil {
		return nil, err
	}
	return p.check(r, body, lookup)
}

// check runs the checks shared by both mechanisms, in the order AWS reports them.
func (p *parsed) check(r *http.Request, body []byte, lookup SecretLookup) (*Signature, *Error) {
	names := splitSignedHeaders(p.signedHeaders)
	if !slices.Contains(names, "host") {
		return nil, errHostNotSigned(p.fam)
	}
	if p.alg != algorithm {
		return nil, errAlgorithm(p.fam, p.alg, p.presigned)
	}
	if !p.scOK {
		return nil, errCredential(p.fam, p.cred, p.presigned)
	}
	if p.sc.terminator != "aws4_request" || p.sc.date != p.amzDate[:8] {
		return nil, errScope(p.fam, p.sc, p.amzDate, p.presigned)
	}
	isS3 := p.fam == FamilyS3
	if isS3 && p.sc.accessKey == "" {
		const msg = msgS3Header + "a non-empty Access Key (AKID) must be provided in the credential."
		return nil, errMalformed(p.fam, msg, "AuthorizationHeaderMalformed", msg)
	}
	payload, err := p.payloadHash(r, body)
	if err != nil {
		return nil, err
	}
	if isS3 {
		if err := p.checkUnsignedHeaders(r, names); err != nil {
			return nil, err
		}
	}
	secret, ok := lookup(p.sc.accessKey)
	if !ok {
		return nil, errUnknownKey(p.fam, p.sc.accessKey)
	}
	canonical := canonicalRequest(r, isS3, p.presigned, p.signedHeaders, names, payload)
	sts := stringToSign(p.amzDate, p.sc, canonical)
	if !signatureMatches(signingKey(secret, p.sc), sts, p.signature) {
		return nil, errMismatch(p.fam, p.sc.accessKey, sts, canonical, p.signature)
	}
	if isS3 && isHexSHA256(payload) {
		if got := sha256Hex(body); !strings.EqualFold(got, payload) {
			return nil, errContentSHAMismatch(p.fam, payload, got)
		}
	}
	decoded := int64(-1)
	if v := r.Header.Get("X-Amz-Decoded-Content-Length"); v != "" {
		if n, perr := strconv.ParseInt(v, 10, 64); perr == nil && n >= 0 {
			decoded = n
		}
	}
	var trailers []string
	for _, v := range r.Header.Values("X-Amz-Trailer") {
		for _, n := range strings.Split(v, ",") {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
				trailers = append(trailers, n)
			}
		}
	}
	return &Signature{
		AccessKeyID:          p.sc.accessKey,
		Date:                 p.t,
		Region:               p.sc.region,
		Service:              p.sc.service,
		SignedHeaders:        names,
		Presigned:            p.presigned,
		PayloadHash:          payload,
		SeedSignature:        p.signature,
		SessionToken:         p.token,
		DecodedContentLength: decoded,
		Trailers:             trailers,
		Expires:              time.Duration(p.expires) * time.Second,
		amzDate:              p.amzDate,
	}, nil
}
