package protocol

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

type getTrailInput struct {
	Name string
}

func TestSDKCloudTrailJSON11(t *testing.T) {
	var lookupIn lookupEventsInput
	srv := newSimServer(t, ctSpec, map[string]opFunc{
		"ListTrails": func(*Request) (any, error) {
			return &listTrailsOutput{Trails: []trailInfo{{
				TrailARN: aws.String("arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events"),
				Name:     aws.String("management-events"), HomeRegion: aws.String("us-east-1"),
			}}}, nil
		},
		"LookupEvents": decodeInto(&lookupIn, func(*lookupEventsInput) (any, error) { return sampleEvents(), nil }),
		"GetTrail": func(r *Request) (any, error) {
			var in getTrailInput
			if err := r.Decode(&in); err != nil {
				return nil, err
			}
			return nil, Errorf(http.StatusBadRequest, "TrailNotFoundException", "Unknown trail: %s for the user: 123456789012", in.Name)
		},
	})
	client := cloudtrail.NewFromConfig(sdkConfig(t), func(o *cloudtrail.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	ctx := context.Background()

	lt, err := client.ListTrails(ctx, &cloudtrail.ListTrailsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if r := srv.last(); r.Kind != JSON11 || r.Service != "CloudTrail_20131101" || !ctSpec.Matches(r) {
		t.Errorf("seen as %v %q", r.Kind, r.Service)
	}
	if len(lt.Trails) != 1 || aws.ToString(lt.Trails[0].Name) != "management-events" || aws.ToString(lt.Trails[0].HomeRegion) != "us-east-1" {
		t.Errorf("trails %+v", lt.Trails)
	}

	le, err := client.LookupEvents(ctx, &cloudtrail.LookupEventsInput{
		LookupAttributes: []cttypes.LookupAttribute{{AttributeKey: cttypes.LookupAttributeKeyEventName, AttributeValue: aws.String("ConsoleLogin")}},
		StartTime:        aws.Time(t0), EndTime: aws.Time(t0ms), MaxResults: aws.Int32(5),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lookupIn.LookupAttributes) != 1 || lookupIn.LookupAttributes[0] != (lookupAttribute{"EventName", "ConsoleLogin"}) ||
		!aws.ToTime(lookupIn.StartTime).Equal(t0) || !aws.ToTime(lookupIn.EndTime).Equal(t0ms) || aws.ToInt32(lookupIn.MaxResults) != 5 {
		t.Errorf("decoded %+v", lookupIn)
	}
	if len(le.Events) != 1 {
		t.Fatalf("events %+v", le.Events)
	}
	ev := le.Events[0]
	if !aws.ToTime(ev.EventTime).Equal(t0ms) || aws.ToString(ev.EventName) != "ConsoleLogin" || len(ev.Resources) != 1 ||
		aws.ToString(ev.Resources[0].ResourceType) != "AWS::IAM::User" || aws.ToString(ev.CloudTrailEvent) != `{"eventVersion":"1.11","eventName":"ConsoleLogin"}` {
		t.Errorf("event %+v", ev)
	}

	_, err = client.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("nope")})
	var tnf *cttypes.TrailNotFoundException
	if !errors.As(err, &tnf) || tnf.ErrorMessage() != "Unknown trail: nope for the user: 123456789012" {
		t.Fatalf("want TrailNotFoundException, got %T %v", err, err)
	}
	_, err = client.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	assertAPIError(t, err, "UnknownOperationException", 400)
}

// TestSDKS3RestXML checks the restXml payload and error paths; S3 routing
// itself belongs to the S3 service.
func TestSDKS3RestXML(t *testing.T) {
	srv := newSimServer(t, s3Spec, map[string]opFunc{
		"GET /": func(*Request) (any, error) {
			return &listBucketsResult{Owner: s3Owner{ID: "owner", DisplayName: "me"}, Buckets: []s3Bucket{{Name: "logs", CreationDate: t0}}}, nil
		},
		"GET /logs/missing": func(*Request) (any, error) {
			return nil, &Error{Code: "NoSuchKey", Message: "The specified key does not exist.", Status: 404, Extra: []KV{{"Key", "missing"}}}
		},
		"HEAD /gone": func(*Request) (any, error) {
			return nil, NewError(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
		},
		"DELETE /logs/k": func(*Request) (any, error) { return noContent{}, nil },
	})
	client := s3.NewFromConfig(sdkConfig(t), func(o *s3.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.UsePathStyle = true
	})
	ctx := context.Background()

	lb, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lb.Buckets) != 1 || aws.ToString(lb.Buckets[0].Name) != "logs" || !aws.ToTime(lb.Buckets[0].CreationDate).Equal(t0) {
		t.Errorf("buckets %+v", lb.Buckets)
	}
	_, err = client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("logs"), Key: aws.String("missing")})
	var nsk *s3types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("want NoSuchKey, got %T %v", err, err)
	}
	_, err = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("gone")})
	var nf *s3types.NotFound
	if !errors.As(err, &nf) {
		t.Fatalf("HEAD 404 without body: want NotFound, got %T %v", err, err)
	}
	if _, err := client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("logs"), Key: aws.String("k")}); err != nil {
		t.Fatalf("delete (204): %v", err)
	}
}
