package trail

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

func TestLowerCamel(t *testing.T) {
	for in, want := range map[string]string{
		"UserName": "userName", "S3BucketName": "s3BucketName", "TrailARN": "trailARN", "KMSKeyId": "kmsKeyId",
		"ARN": "arn", "IsMultiRegionTrail": "isMultiRegionTrail", "name": "name", "": "", "MaxResults": "maxResults",
	} {
		if got := LowerCamel(in); got != want {
			t.Errorf("LowerCamel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGuessReadOnly(t *testing.T) {
	for op, want := range map[string]bool{
		"GetTrail": true, "ListUsers": true, "DescribeTrails": true, "LookupEvents": true, "HeadObject": true,
		"CreateTrail": false, "PutObject": false, "Getaway": false, "StartLogging": false, "DeleteTrail": false,
	} {
		if got := GuessReadOnly(op); got != want {
			t.Errorf("GuessReadOnly(%s) = %v", op, got)
		}
	}
}

func newRecorder(t *testing.T) *Recorder {
	t.Helper()
	db, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRecorder(context.Background(), db, "123456789012", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); db.Close() })
	return r
}

type createUserInput struct {
	UserName string
	Password *string
	Tags     []struct{ Key, Value string }
}

type createUserOutput struct {
	User struct {
		UserName   string
		CreateDate time.Time
	}
	SecretAccessKey string
}

var iamSpec = &protocol.Spec{SigningName: "iam"}

func call(op string, at time.Time, in, out any) *service.Call {
	req, _ := http.NewRequest(http.MethodPost, "http://iam.amazonaws.com/", nil)
	return &service.Call{
		Req: &protocol.Request{Kind: protocol.Query, Operation: op, HTTP: req}, Account: "123456789012", Region: "ap-northeast-2",
		Principal: service.Principal{Type: "IAMUser", Account: "123456789012", UserName: "admin", UserID: "AIDAEXAMPLE", Arn: "arn:aws:iam::123456789012:user/admin", AccessKeyID: "AKIAEXAMPLE"},
		RequestID: "req-1", Now: at, SourceIP: "192.0.2.1", UserAgent: "aws-cli/2", Input: in, Output: out,
	}
}

func TestRecordDerivesParametersAndHidesSecrets(t *testing.T) {
	ctx := context.Background()
	r := newRecorder(t)
	at := time.Date(2026, 3, 2, 15, 37, 41, 0, time.UTC)
	pw := "Suwon#0307"
	out := &createUserOutput{SecretAccessKey: "very-secret"}
	out.User.UserName, out.User.CreateDate = "lab-user", at
	r.Record(call("CreateUser", at, &createUserInput{UserName: "lab-user", Password: &pw}, out), iamSpec, nil)
	evs, next, err := r.Lookup(ctx, Query{Region: "ap-northeast-2", Start: at.Add(-time.Hour), End: at})
	if err != nil || next != nil || len(evs) != 1 {
		t.Fatalf("lookup: %v %v %d", err, next, len(evs))
	}
	var rec struct {
		AWSRegion         string          `json:"awsRegion"`
		RequestParameters json.RawMessage `json:"requestParameters"`
		ResponseElements  json.RawMessage `json:"responseElements"`
		ReadOnly          bool            `json:"readOnly"`
	}
	if err := json.Unmarshal(evs[0].Record, &rec); err != nil {
		t.Fatal(err)
	}
	if string(rec.RequestParameters) != `{"userName":"lab-user"}` {
		t.Errorf("requestParameters = %s", rec.RequestParameters)
	}
	if string(rec.ResponseElements) != `{"user":{"userName":"lab-user","createDate":"Mar 2, 2026, 3:37:41 PM"}}` {
		t.Errorf("responseElements = %s", rec.ResponseElements)
	}
	if rec.AWSRegion != "us-east-1" || !evs[0].Global || rec.ReadOnly {
		t.Errorf("IAM is global: region %s global %v", rec.AWSRegion, evs[0].Global)
	}
	if len(evs[0].Resources) != 1 || evs[0].Resources[0] != (Resource{"AWS::IAM::User", "lab-user"}) {
		t.Errorf("resources = %v", evs[0].Resources)
	}
}

func TestConsoleLoginRecord(t *testing.T) {
	ctx := context.Background()
	r := newRecorder(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	user := service.Principal{Type: "IAMUser", Account: "123456789012", UserName: "lab-user", UserID: "AIDALAB", Arn: "arn:aws:iam::123456789012:user/lab-user"}
	r.RecordConsoleLogin(ConsoleLogin{Principal: user, Time: at, Region: "ap-northeast-2", SourceIP: "192.0.2.0", UserAgent: "Mozilla/5.0", Success: true})
	r.RecordConsoleLogin(ConsoleLogin{Principal: service.Principal{Account: "123456789012", UserName: HiddenUserName}, Time: at.Add(time.Second), Region: "ap-northeast-2", SourceIP: "192.0.2.0"})
	evs, _, err := r.Lookup(ctx, Query{Region: "ap-northeast-2", Attribute: AttrEventName, Value: "ConsoleLogin", Start: at.Add(-time.Hour), End: at.Add(time.Hour)})
	if err != nil || len(evs) != 2 {
		t.Fatalf("%v %d", err, len(evs))
	}
	var fail, ok map[string]any
	_ = json.Unmarshal(evs[0].Record, &fail)
	_ = json.Unmarshal(evs[1].Record, &ok)
	if ok["eventSource"] != "signin.amazonaws.com" || ok["eventType"] != "AwsConsoleSignIn" || ok["requestParameters"] != nil {
		t.Errorf("success record %v", ok)
	}
	if re := ok["responseElements"].(map[string]any); re["ConsoleLogin"] != "Success" {
		t.Errorf("responseElements %v", re)
	}
	if add := ok["additionalEventData"].(map[string]any); add["MFAUsed"] != "No" || add["MobileVersion"] != "No" || add["LoginTo"] == nil {
		t.Errorf("additionalEventData %v", add)
	}
	if fail["errorMessage"] != "Failed authentication" || fail["responseElements"].(map[string]any)["ConsoleLogin"] != "Failure" {
		t.Errorf("failure record %v", fail)
	}
	if id := fail["userIdentity"].(map[string]any); id["userName"] != HiddenUserName || id["accessKeyId"] != "" || id["arn"] != nil {
		t.Errorf("failure identity %v", id)
	}
	if evs[1].Username != "lab-user" {
		t.Errorf("Event history user name %q", evs[1].Username)
	}
}

func TestLookupResourcesPagingAndPrune(t *testing.T) {
	ctx := context.Background()
	r := newRecorder(t)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	type attach struct {
		UserName  string
		PolicyArn string
	}
	for i := 0; i < 7; i++ {
		r.Record(call("AttachUserPolicy", at.Add(time.Duration(i)*time.Minute), &attach{UserName: "u", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"}, nil), iamSpec, nil)
	}
	var got []Event
	q := Query{Region: "eu-west-1", Attribute: AttrResourceType, Value: "AWS::IAM::Policy", Start: at.Add(-time.Hour), End: at.Add(time.Hour), Limit: 3}
	for {
		evs, next, err := r.Lookup(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, evs...)
		if next == nil {
			break
		}
		q.After = next
	}
	if len(got) != 7 {
		t.Fatalf("paged %d events", len(got))
	}
	for i := 1; i < len(got); i++ {
		if !got[i].EventTime.Before(got[i-1].EventTime) {
			t.Fatal("not newest first")
		}
	}
	if err := r.Prune(ctx, at.Add(Retention+3*time.Minute+time.Second)); err != nil {
		t.Fatal(err)
	}
	evs, _, _ := r.Lookup(ctx, Query{Region: "eu-west-1", Start: at.Add(-time.Hour), End: at.Add(time.Hour), Limit: 50})
	if len(evs) != 3 {
		t.Fatalf("after pruning %d events remain, want 3", len(evs))
	}
}

func TestTLSDetails(t *testing.T) {
	r := newRecorder(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := call("ListUsers", at, nil, nil)
	c.Req.HTTP.Host = "iam.amazonaws.com"
	c.Req.HTTP.TLS = &tls.ConnectionState{Version: tls.VersionTLS12, CipherSuite: tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
	r.Record(c, iamSpec, nil)
	evs, _, err := r.Lookup(context.Background(), Query{Region: "us-east-1", Start: at, End: at})
	if err != nil || len(evs) != 1 {
		t.Fatalf("%v %d", err, len(evs))
	}
	var rec struct{ TLSDetails *TLSDetails }
	_ = json.Unmarshal(evs[0].Record, &rec)
	want := TLSDetails{TLSVersion: "TLSv1.2", CipherSuite: "ECDHE-RSA-AES128-GCM-SHA256", ClientProvidedHostHeader: "iam.amazonaws.com"}
	if rec.TLSDetails == nil || *rec.TLSDetails != want {
		t.Fatalf("tlsDetails = %+v", rec.TLSDetails)
	}
}
