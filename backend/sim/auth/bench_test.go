package auth

import (
	"bytes"
	"testing"
)

// BenchmarkVerify measures a signed query-protocol POST with a 1 KB body,
// the common case for IAM/STS/SNS calls from the console and CLI.
func BenchmarkVerify(b *testing.B) {
	spec := stsCallerID
	spec.body = append([]byte("Action=GetCallerIdentity&Version=2011-06-15&Pad="), bytes.Repeat([]byte("x"), 1024-48)...)
	r := spec.build(b, "https://sts.ap-northeast-2.amazonaws.com")
	spec.sign(b, r, testCreds, fixedNow)
	r.Header.Set("User-Agent", "aws-cli/2.27.0 md/awscrt#0.26.1 ua/2.1 os/linux")
	if _, err := Verify(r, spec.body, testLookup, fixedNow); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(spec.body)))
	for b.Loop() {
		if _, err := Verify(r, spec.body, testLookup, fixedNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyS3Get measures a signed S3 GET with an escaped key and query.
func BenchmarkVerifyS3Get(b *testing.B) {
	r := s3Keys.build(b, "http://127.0.0.1:9000")
	r.URL.RawQuery = "versionId=3%2FL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY&partNumber=1"
	s3Keys.sign(b, r, testCreds, fixedNow)
	if _, err := Verify(r, nil, testLookup, fixedNow); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(r, nil, testLookup, fixedNow); err != nil {
			b.Fatal(err)
		}
	}
}
