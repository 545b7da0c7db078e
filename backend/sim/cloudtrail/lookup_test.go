package cloudtrail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

func lookup(t *testing.T, c *cloudtrail.Client, key types.LookupAttributeKey, value string) []types.Event {
	t.Helper()
	in := &cloudtrail.LookupEventsInput{}
	if key != "" {
		in.LookupAttributes = []types.LookupAttribute{{AttributeKey: key, AttributeValue: aws.String(value)}}
	}
	out, err := c.LookupEvents(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out.Events
}

func TestLookupEvents(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	admin := e.iam()
	must[*iam.CreateUserOutput](t)(admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	_, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")})
	wantCode(t, err, "EntityAlreadyExists")
	e.advance(time.Minute)
	must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))

	all := lookup(t, e.ct, "", "")
	if len(all) < 3 {
		t.Fatalf("events = %d", len(all))
	}
	if aws.ToString(all[0].EventName) != "DescribeTrails" {
		t.Fatalf("newest first: got %s first", aws.ToString(all[0].EventName))
	}
	for i := 1; i < len(all); i++ {
		if all[i].EventTime.After(*all[i-1].EventTime) {
			t.Fatal("events are not newest first")
		}
	}
	byName := lookup(t, e.ct, types.LookupAttributeKeyEventName, "CreateUser")
	if len(byName) != 2 {
		t.Fatalf("CreateUser events = %d", len(byName))
	}
	failed, ok := byName[0], false
	for _, ev := range byName {
		if strings.Contains(aws.ToString(ev.CloudTrailEvent), `"errorCode":"EntityAlreadyExists"`) {
			failed, ok = ev, true
		}
	}
	if !ok {
		t.Fatalf("the failed CreateUser is not recorded with its error: %v", aws.ToString(failed.CloudTrailEvent))
	}
	// IAM is global: recorded in us-east-1 and shown in every region.
	var rec map[string]any
	if err := json.Unmarshal([]byte(aws.ToString(byName[0].CloudTrailEvent)), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["awsRegion"] != "us-east-1" || rec["eventSource"] != "iam.amazonaws.com" {
		t.Fatalf("IAM event region/source: %v %v", rec["awsRegion"], rec["eventSource"])
	}
	if got := lookup(t, e.in("eu-west-1"), types.LookupAttributeKeyEventName, "CreateUser"); len(got) != 2 {
		t.Fatalf("global events in another region = %d", len(got))
	}
	if got := lookup(t, e.in("eu-west-1"), types.LookupAttributeKeyEventName, "DescribeTrails"); len(got) != 0 {
		t.Fatalf("a regional event leaked into another region: %d", len(got))
	}

	adminKey := e.sim.AdminCredentials().AccessKeyID
	checks := []struct {
		key   types.LookupAttributeKey
		value string
		min   int
	}{
		{types.LookupAttributeKeyEventId, aws.ToString(all[0].EventId), 1},
		{types.LookupAttributeKeyReadOnly, "true", 1},
		{types.LookupAttributeKeyReadOnly, "false", 2},
		{types.LookupAttributeKeyUsername, "Administrator", 3},
		{types.LookupAttributeKeyEventSource, "cloudtrail.amazonaws.com", 1},
		{types.LookupAttributeKeyAccessKeyId, adminKey, 3},
		{types.LookupAttributeKeyResourceType, "AWS::IAM::User", 2},
		{types.LookupAttributeKeyResourceName, "lab-user", 2},
	}
	for _, c := range checks {
		got := lookup(t, e.ct, c.key, c.value)
		if len(got) < c.min {
			t.Errorf("%s=%s: %d events, want at least %d", c.key, c.value, len(got), c.min)
		}
		for _, ev := range got {
			switch c.key {
			case types.LookupAttributeKeyReadOnly:
				if aws.ToString(ev.ReadOnly) != c.value {
					t.Errorf("ReadOnly filter returned %s", aws.ToString(ev.ReadOnly))
				}
			case types.LookupAttributeKeyResourceName:
				if len(ev.Resources) == 0 || aws.ToString(ev.Resources[0].ResourceName) != c.value || aws.ToString(ev.Resources[0].ResourceType) != "AWS::IAM::User" {
					t.Errorf("ResourceName filter returned %+v", ev.Resources)
				}
			case types.LookupAttributeKeyUsername:
				if aws.ToString(ev.Username) != c.value {
					t.Errorf("Username filter returned %s", aws.ToString(ev.Username))
				}
			}
		}
	}

	// Errors.
	_, err = e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []types.LookupAttribute{
		{AttributeKey: types.LookupAttributeKeyEventName, AttributeValue: aws.String("a")},
		{AttributeKey: types.LookupAttributeKeyUsername, AttributeValue: aws.String("b")}}})
	wantCode(t, err, "InvalidLookupAttributesException")
	_, err = e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []types.LookupAttribute{{AttributeKey: "Bogus", AttributeValue: aws.String("a")}}})
	wantCode(t, err, "InvalidLookupAttributesException")
	_, err = e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{StartTime: aws.Time(testStart), EndTime: aws.Time(testStart.Add(-time.Hour))})
	wantCode(t, err, "InvalidTimeRangeException")
	_, err = e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{MaxResults: aws.Int32(51)})
	wantCode(t, err, "InvalidMaxResultsException")
	_, err = e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{NextToken: aws.String("garbage")})
	wantCode(t, err, "InvalidNextTokenException")
	_, err = e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{EventCategory: "bogus"})
	wantCode(t, err, "InvalidEventCategoryException")

	// Time range: only what happened in it.
	in := lookupIn(e, types.LookupAttributeKeyEventName, "DescribeTrails")
	in.StartTime, in.EndTime = aws.Time(testStart), aws.Time(testStart.Add(30*time.Second))
	if out := must[*cloudtrail.LookupEventsOutput](t)(e.ct.LookupEvents(ctx, in)); len(out.Events) != 0 {
		t.Fatalf("DescribeTrails happened after the range: %d", len(out.Events))
	}

	// Paging: two write events per page (lookups themselves are read-only events, so
	// they do not join the listing while it is paged), and a token reused with other
	// parameters fails.
	for _, u := range []string{"u1", "u2", "u3", "u4"} {
		must[*iam.CreateUserOutput](t)(admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(u)}))
	}
	writes := lookup(t, e.ct, types.LookupAttributeKeyReadOnly, "false")
	page := lookupIn(e, types.LookupAttributeKeyReadOnly, "false")
	page.MaxResults = aws.Int32(2)
	var seen []string
	for {
		out := must[*cloudtrail.LookupEventsOutput](t)(e.ct.LookupEvents(ctx, page))
		for _, ev := range out.Events {
			seen = append(seen, aws.ToString(ev.EventId))
		}
		if out.NextToken == nil {
			break
		}
		if len(seen) == 2 {
			_, err := e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{MaxResults: aws.Int32(2), NextToken: out.NextToken})
			wantCode(t, err, "InvalidNextTokenException")
		}
		page.NextToken = out.NextToken
	}
	if len(seen) != len(writes) || len(seen) < 6 {
		t.Fatalf("paging saw %d events, one page %d", len(seen), len(writes))
	}
	for i := range writes {
		if seen[i] != aws.ToString(writes[i].EventId) {
			t.Fatalf("page order differs at %d", i)
		}
	}
}

func lookupIn(_ *env, key types.LookupAttributeKey, value string) *cloudtrail.LookupEventsInput {
	return &cloudtrail.LookupEventsInput{LookupAttributes: []types.LookupAttribute{{AttributeKey: key, AttributeValue: aws.String(value)}}}
}

// TestRecordSchema compares a recorded event with the reference's field table and
// the User Guide's samples: every mandatory field is present with the right type,
// and nothing outside the schema appears.
func TestRecordSchema(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	_, err := e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("myTrail2")})
	wantCode(t, err, "TrailNotFoundException")

	ref := referenceFields(t)
	for _, name := range []string{"DescribeTrails", "GetTrail"} {
		evs := lookup(t, e.ct, types.LookupAttributeKeyEventName, name)
		if len(evs) != 1 {
			t.Fatalf("%s events = %d", name, len(evs))
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(aws.ToString(evs[0].CloudTrailEvent)), &rec); err != nil {
			t.Fatal(err)
		}
		for f, optional := range ref {
			if _, ok := rec[f]; !ok && !optional {
				t.Errorf("%s: mandatory field %s missing", name, f)
			}
		}
		for f := range rec {
			if _, ok := ref[f]; !ok {
				t.Errorf("%s: field %s is not in the record schema", name, f)
			}
		}
		want := map[string]any{
			"eventVersion": "1.11", "eventSource": "cloudtrail.amazonaws.com", "eventName": name, "awsRegion": "ap-northeast-2",
			"sourceIPAddress": "127.0.0.1", "eventType": "AwsApiCall", "readOnly": true, "managementEvent": true,
			"recipientAccountId": "123456789012", "eventCategory": "Management", "eventTime": "2026-03-02T09:00:00Z",
		}
		for k, v := range want {
			if rec[k] != v {
				t.Errorf("%s: %s = %v, want %v", name, k, rec[k], v)
			}
		}
		id := rec["userIdentity"].(map[string]any)
		if id["type"] != "IAMUser" || id["userName"] != "Administrator" || id["arn"] != "arn:aws:iam::123456789012:user/Administrator" ||
			id["accountId"] != "123456789012" || id["accessKeyId"] != e.sim.AdminCredentials().AccessKeyID || !strings.HasPrefix(id["principalId"].(string), "AIDA") {
			t.Errorf("%s: userIdentity = %v", name, id)
		}
		if rec["responseElements"] != nil {
			t.Errorf("%s: read-only calls record responseElements null, got %v", name, rec["responseElements"])
		}
		if !strings.Contains(rec["userAgent"].(string), "aws-sdk-go-v2") {
			t.Errorf("%s: userAgent = %v", name, rec["userAgent"])
		}
		if name == "GetTrail" {
			if rec["errorCode"] != "TrailNotFoundException" || rec["errorMessage"] != "Unknown trail: myTrail2 for the user: 123456789012" {
				t.Errorf("error fields: %v %v", rec["errorCode"], rec["errorMessage"])
			}
			if p, _ := rec["requestParameters"].(map[string]any); p["name"] != "myTrail2" {
				t.Errorf("requestParameters = %v (want {\"name\":\"myTrail2\"} as in the User Guide's sample)", rec["requestParameters"])
			}
		}
	}
}

// referenceFields reads the record field table of the shared reference (field →
// optional). Outside the lab machine the table is embedded here as a copy.
func referenceFields(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("/work/shared/reference/cloudtrail.json")
	if err != nil {
		t.Skip("reference/cloudtrail.json not available")
	}
	var ref struct {
		Fields []struct {
			Field    string `json:"field"`
			Optional bool   `json:"optional"`
		} `json:"record_fields"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, f := range ref.Fields {
		out[f.Field] = f.Optional
	}
	return out
}

// TestDeniedAndConsoleCallsAreRecorded: a denied call is recorded with AccessDenied,
// a console sign-in as ConsoleLogin, and calls with the console session's
// credentials carry sessionContext and sessionCredentialFromConsole.
func TestDeniedAndConsoleCallsAreRecorded(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	admin := e.iam()
	must[*iam.CreateUserOutput](t)(admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	must[*iam.CreateLoginProfileOutput](t)(admin.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String("Suwon#0307")}))
	body, _ := json.Marshal(map[string]string{"accountId": "123456789012", "userName": "lab-user", "password": "Suwon#0307"})
	req, _ := http.NewRequest(http.MethodPost, "http://sim.labconsole.internal/_sim/signin", bytes.NewReader(body))
	req.Header.Set("User-Agent", "labconsole-console")
	resp, err := e.sim.RoundTripper().RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-in: %v %v", err, resp)
	}
	var sess struct{ AccessKeyId, SecretAccessKey, SessionToken string }
	if err := json.NewDecoder(resp.Body).Decode(&sess); err != nil {
		t.Fatal(err)
	}
	cfg := e.config(sess.AccessKeyId, sess.SecretAccessKey, e.sim.Region())
	cfg.Credentials = credentials.NewStaticCredentialsProvider(sess.AccessKeyId, sess.SecretAccessKey, sess.SessionToken)
	_, err = cloudtrail.NewFromConfig(cfg).DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	msg := wantCode(t, err, "AccessDeniedException")
	if msg != "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: cloudtrail:DescribeTrails because no identity-based policy allows the cloudtrail:DescribeTrails action" {
		t.Fatalf("denial message %q", msg)
	}

	logins := lookup(t, e.ct, types.LookupAttributeKeyEventName, "ConsoleLogin")
	if len(logins) != 1 || aws.ToString(logins[0].Username) != "lab-user" {
		t.Fatalf("ConsoleLogin events = %+v", logins)
	}
	var login map[string]any
	_ = json.Unmarshal([]byte(aws.ToString(logins[0].CloudTrailEvent)), &login)
	if login["eventType"] != "AwsConsoleSignIn" || login["responseElements"].(map[string]any)["ConsoleLogin"] != "Success" || login["userAgent"] != "labconsole-console" {
		t.Fatalf("ConsoleLogin record %v", login)
	}
	denied := lookup(t, e.ct, types.LookupAttributeKeyUsername, "lab-user")
	var rec map[string]any
	for _, ev := range denied {
		if aws.ToString(ev.EventName) == "DescribeTrails" {
			_ = json.Unmarshal([]byte(aws.ToString(ev.CloudTrailEvent)), &rec)
		}
	}
	if rec == nil || rec["errorCode"] != "AccessDenied" || rec["errorMessage"] != msg {
		t.Fatalf("denied call record %v", rec)
	}
	id := rec["userIdentity"].(map[string]any)
	sc, _ := id["sessionContext"].(map[string]any)
	if rec["sessionCredentialFromConsole"] != "true" || sc == nil || sc["attributes"].(map[string]any)["mfaAuthenticated"] != "false" ||
		!strings.HasPrefix(id["accessKeyId"].(string), "ASIA") {
		t.Fatalf("console session identity %v (sessionCredentialFromConsole %v)", id, rec["sessionCredentialFromConsole"])
	}
}
