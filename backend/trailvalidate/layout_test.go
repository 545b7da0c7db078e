package trailvalidate

import (
	"testing"
	"time"
)

func TestLayout(t *testing.T) {
	ref, err := ParseTrailARN("arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/lab-events-trail")
	if err != nil || ref.Region != "ap-northeast-2" || ref.Account != "123456789012" || ref.Name != "lab-events-trail" {
		t.Fatalf("%+v %v", ref, err)
	}
	if _, err := ParseTrailARN("arn:aws:s3:::bucket"); err == nil {
		t.Fatal("an S3 ARN is not a trail ARN")
	}
	at := time.Date(2015, 8, 17, 15, 1, 31, 0, time.UTC)
	key := digestKey("", TrailRef{Account: "111122223333", Name: "your-trail-name", Region: "us-east-2"}, "us-east-2", at)
	want := "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz"
	if key != want {
		t.Fatalf("digestKey = %s", key)
	}
	if end, ok := digestEnd(key); !ok || !end.Equal(at) {
		t.Fatalf("digestEnd = %v", end)
	}
	if !digestPattern("", TrailRef{Account: "111122223333", Name: "your-trail-name", Region: "us-east-2"}, "us-east-2").MatchString(key) {
		t.Fatal("digestPattern does not match the User Guide's example")
	}
	if digestPattern("p", TrailRef{Account: "111122223333", Name: "other", Region: "us-east-2"}, "us-east-2").MatchString("p/" + key) {
		t.Fatal("another trail's digest matched")
	}
	logKey := "AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz"
	if d, ok := logDelivered(logKey); !ok || !d.Equal(time.Date(2015, 8, 1, 2, 10, 0, 0, time.UTC)) {
		t.Fatalf("logDelivered = %v", d)
	}
	if got := Line(FileResult{Kind: LogFile, Bucket: "b", Key: "k", Problem: "not found"}); got != "Log file\ts3://b/k\tINVALID: not found" {
		t.Fatalf("Line = %q", got)
	}
}
