package auth

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Constructors for every authentication failure, each rendering AWS's exact
// answer per Family.

// Messages shared by several constructors. Where the wording comes from:
//   - AWS "Common Errors" API reference pages: codes and statuses of
//     IncompleteSignature (400), InvalidClientTokenId (403),
//     MissingAuthenticationToken (403), RequestExpired.
//   - Real responses quoted in public issues: STS MissingAuthenticationToken XML
//     (amzn/selling-partner-api-docs#3081); "Signature expired: … is now earlier
//     than … (… - 15 min.)" from STS/SNS (aws/aws-cli#6676, aws/aws-sdk-js#265)
//     and DynamoDB/ECS InvalidSignatureException with 400 (aws/aws-sdk-js#254,
//     teralytics/prometheus-ecs-discovery#7); CloudTrail/Logs
//     UnrecognizedClientException (prowler-cloud/prowler#1808); IncompleteSignature
//     "Authorization header requires …" (brendanhay/amazonka#316, aws/chalice#828);
//     S3 SignatureDoesNotMatch/RequestTimeTooSkewed/"Request has expired"/
//     "Request is not yet valid" XML with their extra elements (minio/minio#2696,
//     minio/minio#2638, versity/versitygw#1514, aws/aws-sdk-php#1333); S3
//     IncompleteBody, BadDigest, MalformedTrailerError and trailer InvalidRequest
//     (versity/versitygw#1666, #1694, #1600, #1173).
//   - Emulators that transcribed AWS answers: dynalite (order of checks, JSON
//     codes, credential-scope messages), localstack presigned_url.py (S3 query
//     auth messages), scratchstack-aws-signature ("Signature not yet current",
//     "'Host' or ':authority' must be a 'SignedHeader' …").
const (
	msgMismatch   = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgS3Mismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
	msgBadToken   = "The security token included in the request is invalid."
	msgNoToken    = "Request is missing Authentication Token"
	msgS3CredForm = `the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`
	msgS3Header   = "The authorization header is malformed; "
	msgS3QueryCr  = "Error parsing the X-Amz-Credential parameter; "
	msgS3Presign  = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
	msgS3BadAlgo  = `X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"`
	msgS3NoDate   = "AWS authentication requires a valid Date or x-amz-date header"
	msgS3BadHash  = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value."
	isoBasic      = "20060102T150405Z"
	isoExtended   = "2006-01-02T15:04:05Z"
	maxSkew       = 15 * time.Minute
	maxPresign    = 7 * 24 * time.Hour
)

// sigFailure is the "signature is wrong" code of the query and JSON families.
func sigFailure(f Family, msg string) spec {
	if f == FamilyJSON {
		return spec{code: "InvalidSignatureException", msg: msg, status: 400}
	}
	return spec{code: "SignatureDoesNotMatch", msg: msg, status: 403}
}

// incomplete is the "signature does not conform" code of the query and JSON families.
func incomplete(f Family, msg string) spec {
	if f == FamilyJSON {
		return spec{code: "IncompleteSignatureException", msg: msg, status: 400}
	}
	return spec{code: "IncompleteSignature", msg: msg, status: 400}
}

func s3Spec(code, msg string, status int, fields ...Field) spec {
	return spec{code: code, msg: msg, status: status, fields: fields}
}

// errMissing: no Authorization header and no X-Amz-Algorithm query parameter.
func errMissing(f Family) *Error {
	return build(KindMissing, f, func(f Family) spec {
		switch f {
		case FamilyS3:
			return s3Spec("AccessDenied", "Access Denied", 403)
		case FamilyJSON:
			return spec{code: "MissingAuthenticationTokenException", msg: msgNoToken, status: 400}
		}
		return spec{code: "MissingAuthenticationToken", msg: msgNoToken, status: 403}
	})
}

// errUnsupportedScheme: an Authorization header that is not SigV4. Query/JSON
// front ends treat it as missing; S3 names the problem.
func errUnsupportedScheme(f Family, header string) *Error {
	return build(KindUnsupported, f, func(f Family) spec {
		if f != FamilyS3 {
			return errMissing(f).render(f)
		}
		if strings.HasPrefix(header, "AWS ") {
			return s3Spec("InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", 400)
		}
		return s3Spec("InvalidArgument", "Unsupported Authorization Type", 400,
			Field{"ArgumentName", "Authorization"}, Field{"ArgumentValue", header})
	})
}

// errMixed: both an Authorization header and presigned query parameters.
func errMixed(f Family, header string) *Error {
	return build(KindMalformed, f, func(f Family) spec {
		if f == FamilyS3 {
			return s3Spec("InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified", 400,
				Field{"ArgumentName", "Authorization"}, Field{"ArgumentValue", header})
		}
		return sigFailure(f, "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.")
	})
}

// errMalformed: a structural problem; awsMsg is the query/JSON wording,
// s3Code/s3Msg the S3 one (AuthorizationHeaderMalformed,
// AuthorizationQueryParametersError, AccessDenied for dates…).
func errMalformed(f Family, awsMsg, s3Code, s3Msg string) *Error {
	return build(KindMalformed, f, func(f Family) spec {
		if f == FamilyS3 {
			status := 400
			if s3Code == "AccessDenied" {
				status = 403
			}
			return s3Spec(s3Code, s3Msg, status)
		}
		return incomplete(f, awsMsg)
	})
}

// errSkew: X-Amz-Date more than 15 minutes away from the server clock.
func errSkew(f Family, raw string, req, now time.Time) *Error {
	return build(KindExpired, f, func(f Family) spec {
		if f == FamilyS3 {
			return s3Spec("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403,
				Field{"RequestTime", raw}, Field{"ServerTime", now.Format(isoExtended)},
				Field{"MaxAllowedSkewMilliseconds", strconv.FormatInt(maxSkew.Milliseconds(), 10)})
		}
		return sigFailure(f, skewMessage(req, now))
	})
}

func skewMessage(req, now time.Time) string {
	if req.After(now) {
		return fmt.Sprintf("Signature not yet current: %s is still later than %s (%s + 15 min.)",
			req.Format(isoBasic), now.Add(maxSkew).Format(isoBasic), now.Format(isoBasic))
	}
	return fmt.Sprintf("Signature expired: %s is now earlier than %s (%s - 15 min.)",
		req.Format(isoBasic), now.Add(-maxSkew).Format(isoBasic), now.Format(isoBasic))
}

// errPresignExpired: an S3 presigned URL past X-Amz-Date + X-Amz-Expires.
func errPresignExpired(f Family, expires int64, req, now time.Time) *Error {
	return build(KindExpired, f, func(f Family) spec {
		if f != FamilyS3 {
			return sigFailure(f, skewMessage(req, now))
		}
		return s3Spec("AccessDenied", "Request has expired", 403,
			Field{"X-Amz-Expires", strconv.FormatInt(expires, 10)},
			Field{"Expires", req.Add(time.Duration(expires) * time.Second).Format(isoExtended)},
			Field{"ServerTime", now.Format(isoExtended)})
	})
}

// errPresignNotYet: an S3 presigned URL dated more than 15 minutes in the future.
func errPresignNotYet(f Family, expires int64, req, now time.Time) *Error {
	return build(KindExpired, f, func(f Family) spec {
		if f != FamilyS3 {
			return sigFailure(f, skewMessage(req, now))
		}
		return s3Spec("AccessDenied", "Request is not yet valid", 403,
			Field{"X-Amz-Date", strconv.FormatInt(req.UnixMilli(), 10)},
			Field{"Expires", req.Add(time.Duration(expires) * time.Second).Format(isoExtended)},
			Field{"ServerTime", now.Format(isoExtended)})
	})
}

// errHostNotSigned: SignedHeaders lacks host.
func errHostNotSigned(f Family) *Error {
	return build(KindMismatch, f, func(f Family) spec {
		if f == FamilyS3 {
			return s3Spec("SignatureDoesNotMatch", msgS3Mismatch, 403)
		}
		return sigFailure(f, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	})
}

// errAlgorithm: "AWS4-…" but not AWS4-HMAC-SHA256 (e.g. SigV4a).
func errAlgorithm(f Family, alg string, presigned bool) *Error {
	return build(KindUnsupported, f, func(f Family) spec {
		if f != FamilyS3 {
			return incomplete(f, "Unsupported AWS 'algorithm': '"+alg+"' (only AWS4-HMAC-SHA256 for now). ")
		}
		if presigned {
			return s3Spec("AuthorizationQueryParametersError", msgS3BadAlgo, 400)
		}
		return s3Spec("InvalidArgument", "Unsupported Authorization Type", 400,
			Field{"ArgumentName", "Authorization"}, Field{"ArgumentValue", alg})
	})
}

// errCredential: the credential does not have five slash-separated parts.
func errCredential(f Family, cred string, presigned bool) *Error {
	return build(KindMalformed, f, func(f Family) spec {
		if f != FamilyS3 {
			return incomplete(f, "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"+cred+"'")
		}
		if presigned {
			return s3Spec("AuthorizationQueryParametersError", msgS3QueryCr+msgS3CredForm, 400)
		}
		return s3Spec("AuthorizationHeaderMalformed", msgS3Header+msgS3CredForm, 400)
	})
}

// errScope: the credential scope's terminator or date is wrong.
func errScope(f Family, sc scope, amzDate string, presigned bool) *Error {
	return build(KindScope, f, func(f Family) spec {
		badTerm := sc.terminator != "aws4_request"
		badDate := sc.date != amzDate[:8]
		if f != FamilyS3 {
			var parts []string
			if badTerm {
				parts = append(parts, "Credential should be scoped with a valid terminator: 'aws4_request', not '"+sc.terminator+"'.")
			}
			if badDate {
				parts = append(parts, fmt.Sprintf("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.", sc.date, amzDate[:8], amzDate))
			}
			return sigFailure(f, strings.Join(parts, " "))
		}
		switch {
		case badTerm && presigned:
			return s3Spec("AuthorizationQueryParametersError", msgS3QueryCr+`incorrect terminal "`+sc.terminator+`". This endpoint uses "aws4_request".`, 400)
		case badTerm:
			return s3Spec("AuthorizationHeaderMalformed", msgS3Header+`incorrect terminal "`+sc.terminator+`". This endpoint uses "aws4_request".`, 400)
		case presigned:
			return s3Spec("AuthorizationQueryParametersError", `Invalid credential date "`+sc.date+`". This date is not the same as X-Amz-Date: "`+amzDate[:8]+`".`, 400)
		}
		return s3Spec("AuthorizationHeaderMalformed", msgS3Header+"Invalid credential date. Date is not the same as X-Amz-Date.", 400)
	})
}

// errUnknownKey: the lookup does not know the access key id.
func errUnknownKey(f Family, akid string) *Error {
	return build(KindUnknownKey, f, func(f Family) spec {
		switch f {
		case FamilyS3:
			return s3Spec("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403,
				Field{"AWSAccessKeyId", akid})
		case FamilyJSON:
			return spec{code: "UnrecognizedClientException", msg: msgBadToken, status: 400}
		}
		return spec{code: "InvalidClientTokenId", msg: msgBadToken, status: 403}
	})
}

// errMismatch: the signature is wrong. S3 echoes what it signed so clients can debug.
func errMismatch(f Family, akid, stringToSign, canonical, provided string) *Error {
	return build(KindMismatch, f, func(f Family) spec {
		if f != FamilyS3 {
			return sigFailure(f, msgMismatch)
		}
		return s3Spec("SignatureDoesNotMatch", msgS3Mismatch, 403,
			Field{"AWSAccessKeyId", akid},
			Field{"StringToSign", stringToSign},
			Field{"SignatureProvided", provided},
			Field{"StringToSignBytes", hexBytes(stringToSign)},
			Field{"CanonicalRequest", canonical},
			Field{"CanonicalRequestBytes", hexBytes(canonical)})
	})
}

// hexBytes renders s the way S3 does in StringToSignBytes: "41 57 53 34 …".
func hexBytes(s string) string {
	if s == "" {
		return ""
	}
	out := make([]byte, 0, len(s)*3-1)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			out = append(out, ' ')
		}
		out = hex.AppendEncode(out, []byte{s[i]})
	}
	return string(out)
}

// s3Only builds an error that only the S3 front end can produce; other
// families get the same wording.
func s3Only(kind Kind, f Family, sp spec) *Error {
	return build(kind, f, func(Family) spec { return sp })
}

func errNoContentSHA(f Family) *Error {
	return s3Only(KindMalformed, f, s3Spec("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400))
}

func errBadContentSHA(f Family, v string) *Error {
	return s3Only(KindMalformed, f, s3Spec("InvalidArgument", msgS3BadHash, 400,
		Field{"ArgumentName", "x-amz-content-sha256"}, Field{"ArgumentValue", v}))
}

func errContentSHAMismatch(f Family, client, computed string) *Error {
	return s3Only(KindPayload, f, s3Spec("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400,
		Field{"ClientComputedContentSHA256", client}, Field{"S3ComputedContentSHA256", computed}))
}

func errUnsignedHeaders(f Family, names []string) *Error {
	return s3Only(KindUnsignedHeaders, f, s3Spec("AccessDenied", "There were headers present in the request which were not signed", 403,
		Field{"HeadersNotSigned", strings.Join(names, ", ")}))
}

func errExpiresParam(f Family, msg string) *Error {
	return s3Only(KindMalformed, f, s3Spec("AuthorizationQueryParametersError", msg, 400))
}

func errIncompleteBody() *Error {
	return s3Only(KindBody, FamilyS3, s3Spec("IncompleteBody", "The request body terminated unexpectedly", 400))
}

func errChunkSignature() *Error {
	return s3Only(KindMismatch, FamilyS3, s3Spec("SignatureDoesNotMatch", msgS3Mismatch, 403))
}

func errMalformedTrailer() *Error {
	return s3Only(KindBody, FamilyS3, s3Spec("MalformedTrailerError", "The request contained trailing data that was not well-formed or did not conform to our published schema.", 400))
}

// errChecksumValue: where is "trailing header" or "header".
func errChecksumValue(name, where string) *Error {
	return s3Only(KindBody, FamilyS3, s3Spec("InvalidRequest", "Value for "+name+" "+where+" is invalid.", 400))
}

func errBadDigest(alg string) *Error {
	return s3Only(KindPayload, FamilyS3, s3Spec("BadDigest", "The "+alg+" you specified did not match the calculated checksum.", 400))
}
