// Package auth verifies AWS Signature Version 4 requests for the simulator.
//
// The simulator must accept requests from unmodified clients (aws-sdk-go-v2,
// AWS CLI v1/v2, boto3) and reject everything else the way AWS does, so this
// package re-implements the server side of SigV4: the canonical request (with
// S3's single-encoded, unnormalised path and the double-encoded, normalised path
// every other service uses), header and presigned (query-string) auth, payload
// hashes including the STREAMING-* aws-chunked encodings, and AWS's exact error
// codes and messages, which differ between the query (IAM, STS, SNS), JSON
// (CloudTrail, Logs, CloudWatch JSON/CBOR) and S3 (restXml) front ends.
//
// The package is self-contained: it returns *Error values that carry the code,
// message, HTTP status and any extra S3 XML elements, and the protocol layer
// renders them.
package auth
