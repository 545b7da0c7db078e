package protocol

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// EC2 test shapes, named and tagged as a service package would.
type ec2Filter struct {
	Name   *string
	Values []string `ec2:"Value"`
}

type ec2DescribeInstancesInput struct {
	Filters     []ec2Filter `ec2:"Filter"`
	InstanceIds []string    `ec2:"InstanceId"`
	MaxResults  *int32
	DryRun      *bool
}

type ec2Tag struct{ Key, Value string }

type ec2State struct {
	Code int32
	Name string
}

type ec2Instance struct {
	InstanceId   string
	InstanceType string
	LaunchTime   time.Time
	State        ec2State `ec2:"instanceState"`
	Tags         []ec2Tag `ec2:"tagSet"`
}

type ec2Reservation struct {
	ReservationId string
	OwnerId       string
	Instances     []ec2Instance `ec2:"instancesSet"`
}

type ec2DescribeInstancesOutput struct {
	Reservations []ec2Reservation `ec2:"reservationSet"`
	NextToken    *string
}

var ec2Spec = &Spec{SigningName: "ec2", APIVersion: ec2Version, XMLNamespace: EC2Namespace, EC2: true}

func ec2Request(t *testing.T, form string) *Request {
	t.Helper()
	hr := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(form))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	r, err := Detect(hr, []byte(form))
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	return r
}

func TestEC2DetectAndDecodeFlatLists(t *testing.T) {
	r := ec2Request(t, "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=al-ec2&Filter.2.Name=instance-state-name&Filter.2.Value.1=running&Filter.2.Value.2=pending&InstanceId.1=i-0123456789abcdef0&MaxResults=5")
	if r.Kind != EC2Query || r.Kind.String() != "ec2Query" || r.Operation != "DescribeInstances" {
		t.Fatalf("detected %v %q", r.Kind, r.Operation)
	}
	if !ec2Spec.Matches(r) || iamSpecForEC2Test().Matches(r) {
		t.Fatal("an ec2Query request must match EC2's spec and no awsQuery spec")
	}
	var in ec2DescribeInstancesInput
	if err := r.Decode(&in); err != nil {
		t.Fatal(err)
	}
	if len(in.Filters) != 2 || *in.Filters[0].Name != "tag:Name" || in.Filters[0].Values[0] != "al-ec2" ||
		len(in.Filters[1].Values) != 2 || in.InstanceIds[0] != "i-0123456789abcdef0" || *in.MaxResults != 5 {
		t.Fatalf("decoded %+v", in)
	}
	// The awsQuery spelling is not EC2's: ".member." lists are not read.
	r = ec2Request(t, "Action=DescribeInstances&Version=2016-11-15&InstanceId.member.1=i-1")
	in = ec2DescribeInstancesInput{}
	if err := r.Decode(&in); err != nil || in.InstanceIds != nil {
		t.Fatalf("member list: %+v %v", in, err)
	}
	r = ec2Request(t, "Action=DescribeInstances&Version=2016-11-15&MaxResults=x")
	var e *Error
	if err := r.Decode(&in); !errors.As(err, &e) || e.Code != "InvalidParameterValue" {
		t.Fatalf("bad integer: %v", err)
	}
}

func iamSpecForEC2Test() *Spec {
	return &Spec{SigningName: "iam", APIVersion: "2010-05-08", XMLNamespace: "https://iam.amazonaws.com/doc/2010-05-08/"}
}

func TestEC2ResponseShape(t *testing.T) {
	r := ec2Request(t, "Action=DescribeInstances&Version=2016-11-15")
	rec := httptest.NewRecorder()
	WriteResult(rec, ec2Spec, r, &ec2DescribeInstancesOutput{Reservations: []ec2Reservation{{
		ReservationId: "r-1", OwnerId: "123456789012",
		Instances: []ec2Instance{{InstanceId: "i-1", InstanceType: "t2.micro", State: ec2State{16, "running"}, Tags: []ec2Tag{{"Name", "al-ec2"}}}},
	}}}, "req-1")
	body := rec.Body.String()
	for _, want := range []string{
		`<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><reservationSet><item><reservationId>r-1</reservationId>`,
		`<instancesSet><item><instanceId>i-1</instanceId><instanceType>t2.micro</instanceType>`,
		`<instanceState><code>16</code><name>running</name></instanceState><tagSet><item><key>Name</key><value>al-ec2</value></item></tagSet>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s in\n%s", want, body)
		}
	}
	if strings.Contains(body, "DescribeInstancesResult") || strings.Contains(body, "<member>") {
		t.Errorf("awsQuery wrapping in an EC2 response:\n%s", body)
	}
	rec = httptest.NewRecorder()
	WriteError(rec, ec2Spec, r, NewError(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist"), "req-2")
	want := `<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-1' does not exist</Message></Error></Errors><RequestID>req-2</RequestID></Response>`
	if got := rec.Body.String(); rec.Code != 400 || !strings.HasSuffix(got, want) {
		t.Errorf("error %d:\n%s", rec.Code, got)
	}
}

// TestEC2SDKRoundTrip drives the real aws-sdk-go-v2 EC2 client: its ec2query
// serializer must be decoded and its deserializer must parse what is written.
func TestEC2SDKRoundTrip(t *testing.T) {
	var seen ec2DescribeInstancesInput
	launched := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	srv := newSimServer(t, ec2Spec, map[string]opFunc{
		"DescribeInstances": decodeInto(&seen, func(in *ec2DescribeInstancesInput) (any, error) {
			return &ec2DescribeInstancesOutput{Reservations: []ec2Reservation{{ReservationId: "r-1", OwnerId: "123456789012",
				Instances: []ec2Instance{{InstanceId: "i-1", InstanceType: "t2.micro", LaunchTime: launched, State: ec2State{16, "running"}, Tags: []ec2Tag{{"Name", "al-ec2"}}}}}}}, nil
		}),
		"CreateTags": func(r *Request) (any, error) { return nil, nil },
		"DescribeVpcs": func(r *Request) (any, error) {
			return nil, NewError(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist")
		},
	})
	client := ec2.NewFromConfig(sdkConfig(t), func(o *ec2.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	ctx := context.Background()
	out, err := client.DescribeInstances(ctx, &ec2.DescribeInstancesInput{
		Filters:     []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"al-ec2"}}},
		InstanceIds: []string{"i-1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	capMu.Lock()
	if len(seen.Filters) != 1 || *seen.Filters[0].Name != "tag:Name" || seen.Filters[0].Values[0] != "al-ec2" || seen.InstanceIds[0] != "i-1" {
		t.Errorf("server decoded %+v", seen)
	}
	capMu.Unlock()
	inst := out.Reservations[0].Instances[0]
	if *inst.InstanceId != "i-1" || inst.InstanceType != ec2types.InstanceTypeT2Micro || inst.State.Name != ec2types.InstanceStateNameRunning ||
		*inst.State.Code != 16 || !inst.LaunchTime.Equal(launched) || *inst.Tags[0].Value != "al-ec2" || *out.Reservations[0].OwnerId != "123456789012" {
		t.Errorf("SDK parsed %+v", inst)
	}
	if _, err := client.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{"i-1"}, Tags: []ec2types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}}); err != nil {
		t.Fatal(err)
	}
	if f := srv.last().Form; f.Get("ResourceId.1") != "i-1" || f.Get("Tag.1.Key") != "a" {
		t.Errorf("CreateTags form %v", f)
	}
	_, err = client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-1"}})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidVpcID.NotFound" || !strings.Contains(ae.ErrorMessage(), "vpc-1") {
		t.Fatalf("error: %v", err)
	}
}

// FuzzEC2Decode: hostile EC2 forms never panic and fail only with 4xx errors.
func FuzzEC2Decode(f *testing.F) {
	f.Add("Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag:Name&Filter.1.Value.1=al-ec2&InstanceId.1=i-1")
	f.Add("Action=DescribeInstances&Version=2016-11-15&Filter.999999999.Value.0=x&MaxResults=99999999999")
	f.Add("Action=DescribeInstances&Version=2016-11-15&Filter.1=&Filter.1.Value=1&DryRun=maybe")
	f.Fuzz(func(t *testing.T, form string) {
		vals, err := url.ParseQuery(form)
		if err != nil {
			return
		}
		r := &Request{Kind: EC2Query, Operation: "DescribeInstances", Form: vals}
		var in ec2DescribeInstancesInput
		checkClientError(t, r.Decode(&in))
		rec := httptest.NewRecorder()
		WriteResult(rec, ec2Spec, r, &in, "id")
		if rec.Code != http.StatusOK {
			t.Fatalf("re-encoding: %d %s", rec.Code, rec.Body)
		}
	})
}
