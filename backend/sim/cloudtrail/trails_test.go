package cloudtrail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

func TestCreateTrailRules(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("trail-bucket", "", "good-trail")
	cases := []struct {
		name, bucket, code, msg string
	}{
		{"ab", "trail-bucket", "InvalidTrailNameException", "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."},
		{strings.Repeat("a", 129), "trail-bucket", "InvalidTrailNameException", "Trail name too long."},
		{"-abc", "trail-bucket", "InvalidTrailNameException", "must starts with a letter or number"},
		{"abc-", "trail-bucket", "InvalidTrailNameException", "must ends with a letter or number"},
		{"my--namespace", "trail-bucket", "InvalidTrailNameException", "adjacent"},
		{"my-_namespace", "trail-bucket", "InvalidTrailNameException", "adjacent"},
		{"192.168.5.4", "trail-bucket", "InvalidTrailNameException", "IP address"},
		{"bad name", "trail-bucket", "InvalidTrailNameException", "can only contain"},
		{"good-trail", "no-such-bucket", "S3BucketDoesNotExistException", "no-such-bucket"},
		{"other-trail", "trail-bucket", "InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: trail-bucket"},
	}
	for _, c := range cases {
		_, err := e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(c.name), S3BucketName: aws.String(c.bucket)})
		if msg := wantCode(t, err, c.code); !strings.Contains(msg, c.msg) {
			t.Errorf("%s: message %q lacks %q", c.name, msg, c.msg)
		}
	}
	// A bucket without any policy.
	e.buckets.create("bare-bucket")
	_, err := e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("good-trail"), S3BucketName: aws.String("bare-bucket")})
	wantCode(t, err, "InsufficientS3BucketPolicyException")
	// Multi-region without global service events.
	_, err = e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("good-trail"), S3BucketName: aws.String("trail-bucket"),
		IsMultiRegionTrail: aws.Bool(true), IncludeGlobalServiceEvents: aws.Bool(false)})
	wantCode(t, err, "InvalidParameterCombinationException")

	out := must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("good-trail"), S3BucketName: aws.String("trail-bucket")}))
	if aws.ToString(out.TrailARN) != "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/good-trail" ||
		aws.ToBool(out.IsMultiRegionTrail) || !aws.ToBool(out.IncludeGlobalServiceEvents) || aws.ToBool(out.LogFileValidationEnabled) {
		t.Fatalf("CreateTrail defaults: %+v", out)
	}
	_, err = e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("good-trail"), S3BucketName: aws.String("trail-bucket")})
	if msg := wantCode(t, err, "TrailAlreadyExistsException"); msg != "Trail good-trail already exists for customer: 123456789012" {
		t.Fatalf("duplicate message %q", msg)
	}
	// Five trails per region.
	for _, n := range []string{"t2", "t3", "t4", "t5", "t6"} {
		e.bucketFor("bucket-"+n, "", n+"-trail")
		_, err = e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(n + "-trail"), S3BucketName: aws.String("bucket-" + n)})
		if n == "t6" {
			wantCode(t, err, "MaximumNumberOfTrailsExceededException")
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

func TestTrailLifecycle(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("logs-bucket", "lab", "lab-events-trail")
	arn := "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/lab-events-trail"
	_, err := e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{
		Name: aws.String("lab-events-trail"), S3BucketName: aws.String("logs-bucket"), S3KeyPrefix: aws.String("lab"),
		IsMultiRegionTrail: aws.Bool(true), EnableLogFileValidation: aws.Bool(true),
		TagsList: []types.Tag{{Key: aws.String("Name"), Value: aws.String("lab-events-trail")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := must[*cloudtrail.GetTrailOutput](t)(e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("lab-events-trail")})).Trail
	if aws.ToString(got.HomeRegion) != "ap-northeast-2" || aws.ToString(got.S3KeyPrefix) != "lab" || !aws.ToBool(got.LogFileValidationEnabled) || aws.ToBool(got.HasCustomEventSelectors) {
		t.Fatalf("GetTrail = %+v", got)
	}
	// By ARN too, and unknown names as AWS words them.
	must[*cloudtrail.GetTrailOutput](t)(e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(arn)}))
	_, err = e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("myTrail2")})
	if msg := wantCode(t, err, "TrailNotFoundException"); msg != "Unknown trail: myTrail2 for the user: 123456789012" {
		t.Fatalf("not found message %q", msg)
	}
	_, err = e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("arn:aws:cloudtrail:bad")})
	wantCode(t, err, "CloudTrailARNInvalidException")

	// The multi-region trail is a shadow trail in another region.
	other := e.in("us-east-1")
	d := must[*cloudtrail.DescribeTrailsOutput](t)(other.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	if len(d.TrailList) != 1 || aws.ToString(d.TrailList[0].HomeRegion) != "ap-northeast-2" {
		t.Fatalf("shadow DescribeTrails = %+v", d.TrailList)
	}
	d = must[*cloudtrail.DescribeTrailsOutput](t)(other.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(false)}))
	if len(d.TrailList) != 0 {
		t.Fatalf("without shadow trails: %+v", d.TrailList)
	}
	_, err = other.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(arn)})
	wantCode(t, err, "InvalidHomeRegionException")
	d = must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{TrailNameList: []string{"lab-events-trail", "other"}}))
	if len(d.TrailList) != 1 {
		t.Fatalf("DescribeTrails by name = %+v", d.TrailList)
	}
	l := must[*cloudtrail.ListTrailsOutput](t)(other.ListTrails(ctx, &cloudtrail.ListTrailsInput{}))
	if len(l.Trails) != 1 || aws.ToString(l.Trails[0].TrailARN) != arn {
		t.Fatalf("ListTrails = %+v", l.Trails)
	}

	st := must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("lab-events-trail")}))
	if aws.ToBool(st.IsLogging) || st.StartLoggingTime != nil {
		t.Fatalf("a trail created through the API does not log: %+v", st)
	}
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("lab-events-trail")}))
	st = must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("lab-events-trail")}))
	if !aws.ToBool(st.IsLogging) || !aws.ToTime(st.StartLoggingTime).Equal(testStart) || aws.ToString(st.TimeLoggingStarted) != "2026-03-02T09:00:00Z" {
		t.Fatalf("after StartLogging: %+v", st)
	}
	must[*cloudtrail.StopLoggingOutput](t)(e.ct.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String("lab-events-trail")}))
	st = must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("lab-events-trail")}))
	if aws.ToBool(st.IsLogging) || st.StopLoggingTime == nil {
		t.Fatalf("after StopLogging: %+v", st)
	}

	up := must[*cloudtrail.UpdateTrailOutput](t)(e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("lab-events-trail"), EnableLogFileValidation: aws.Bool(false)}))
	if aws.ToBool(up.LogFileValidationEnabled) || aws.ToString(up.S3KeyPrefix) != "lab" {
		t.Fatalf("UpdateTrail = %+v", up)
	}
	e.buckets.create("unpoliced")
	_, err = e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("lab-events-trail"), S3BucketName: aws.String("unpoliced")})
	wantCode(t, err, "InsufficientS3BucketPolicyException")

	// Tags.
	must[*cloudtrail.AddTagsOutput](t)(e.ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(arn), TagsList: []types.Tag{{Key: aws.String("course"), Value: aws.String("cloud")}}}))
	tags := must[*cloudtrail.ListTagsOutput](t)(e.ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{arn}}))
	if len(tags.ResourceTagList) != 1 || len(tags.ResourceTagList[0].TagsList) != 2 {
		t.Fatalf("ListTags = %+v", tags.ResourceTagList)
	}
	must[*cloudtrail.RemoveTagsOutput](t)(e.ct.RemoveTags(ctx, &cloudtrail.RemoveTagsInput{ResourceId: aws.String(arn), TagsList: []types.Tag{{Key: aws.String("Name")}}}))
	tags = must[*cloudtrail.ListTagsOutput](t)(e.ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{arn}}))
	if tl := tags.ResourceTagList[0].TagsList; len(tl) != 1 || aws.ToString(tl[0].Key) != "course" {
		t.Fatalf("after RemoveTags: %+v", tl)
	}
	_, err = e.ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{"arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/none"}})
	wantCode(t, err, "ResourceNotFoundException")

	must[*cloudtrail.DeleteTrailOutput](t)(e.ct.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String("lab-events-trail")}))
	_, err = e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("lab-events-trail")})
	wantCode(t, err, "TrailNotFoundException")
	_, err = e.ct.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String("lab-events-trail")})
	wantCode(t, err, "TrailNotFoundException")
}

func TestEventSelectors(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("sel-bucket", "", "sel-trail")
	must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("sel-trail"), S3BucketName: aws.String("sel-bucket")}))
	def := must[*cloudtrail.GetEventSelectorsOutput](t)(e.ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String("sel-trail")}))
	if len(def.EventSelectors) != 1 || def.EventSelectors[0].ReadWriteType != types.ReadWriteTypeAll || !aws.ToBool(def.EventSelectors[0].IncludeManagementEvents) {
		t.Fatalf("default selectors = %+v", def.EventSelectors)
	}
	bad := []cloudtrail.PutEventSelectorsInput{
		{TrailName: aws.String("sel-trail")},
		{TrailName: aws.String("sel-trail"), EventSelectors: []types.EventSelector{{}}, AdvancedEventSelectors: []types.AdvancedEventSelector{{FieldSelectors: []types.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Management"}}}}}},
		{TrailName: aws.String("sel-trail"), EventSelectors: make([]types.EventSelector, 6)},
		{TrailName: aws.String("sel-trail"), EventSelectors: []types.EventSelector{{ReadWriteType: "read-only"}}},
		{TrailName: aws.String("sel-trail"), EventSelectors: []types.EventSelector{{DataResources: []types.DataResource{{Type: aws.String("AWS::EC2::Instance"), Values: []string{"arn:aws:ec2"}}}}}},
		{TrailName: aws.String("sel-trail"), EventSelectors: []types.EventSelector{{ExcludeManagementEventSources: []string{"s3.amazonaws.com"}}}},
		{TrailName: aws.String("sel-trail"), AdvancedEventSelectors: []types.AdvancedEventSelector{{FieldSelectors: []types.AdvancedFieldSelector{{Field: aws.String("eventName"), Equals: []string{"PutObject"}}}}}},
		{TrailName: aws.String("sel-trail"), AdvancedEventSelectors: []types.AdvancedEventSelector{{FieldSelectors: []types.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Data"}}}}}},
		{TrailName: aws.String("sel-trail"), AdvancedEventSelectors: []types.AdvancedEventSelector{{FieldSelectors: []types.AdvancedFieldSelector{{Field: aws.String("eventCategory"), StartsWith: []string{"Man"}}}}}},
		{TrailName: aws.String("sel-trail"), AdvancedEventSelectors: []types.AdvancedEventSelector{{FieldSelectors: []types.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Management"}}, {Field: aws.String("userIdentity.arn"), Equals: []string{"x"}}}}}},
	}
	for i := range bad {
		_, err := e.ct.PutEventSelectors(ctx, &bad[i])
		wantCode(t, err, "InvalidEventSelectorsException")
	}
	basic := must[*cloudtrail.PutEventSelectorsOutput](t)(e.ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("sel-trail"),
		EventSelectors: []types.EventSelector{{ReadWriteType: types.ReadWriteTypeWriteOnly, IncludeManagementEvents: aws.Bool(true),
			ExcludeManagementEventSources: []string{"kms.amazonaws.com"},
			DataResources:                 []types.DataResource{{Type: aws.String("AWS::S3::Object"), Values: []string{"arn:aws:s3:::sel-bucket/"}}}}}}))
	if len(basic.EventSelectors) != 1 || basic.EventSelectors[0].ReadWriteType != types.ReadWriteTypeWriteOnly || len(basic.EventSelectors[0].DataResources) != 1 {
		t.Fatalf("PutEventSelectors = %+v", basic.EventSelectors)
	}
	adv := []types.AdvancedEventSelector{
		{Name: aws.String("Management events selector"), FieldSelectors: []types.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Management"}}}},
		{Name: aws.String("S3 writes"), FieldSelectors: []types.AdvancedFieldSelector{
			{Field: aws.String("eventCategory"), Equals: []string{"Data"}},
			{Field: aws.String("resources.type"), Equals: []string{"AWS::S3::Object"}},
			{Field: aws.String("readOnly"), Equals: []string{"false"}},
		}},
	}
	out := must[*cloudtrail.PutEventSelectorsOutput](t)(e.ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("sel-trail"), AdvancedEventSelectors: adv}))
	if len(out.AdvancedEventSelectors) != 2 || out.EventSelectors != nil {
		t.Fatalf("advanced = %+v", out)
	}
	got := must[*cloudtrail.GetEventSelectorsOutput](t)(e.ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String("sel-trail")}))
	if len(got.AdvancedEventSelectors) != 2 || len(got.EventSelectors) != 0 || aws.ToString(got.AdvancedEventSelectors[1].Name) != "S3 writes" {
		t.Fatalf("GetEventSelectors = %+v", got)
	}
	tr := must[*cloudtrail.GetTrailOutput](t)(e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("sel-trail")}))
	if !aws.ToBool(tr.Trail.HasCustomEventSelectors) {
		t.Fatal("HasCustomEventSelectors should be true")
	}

	// Insights.
	_, err := e.ct.GetInsightSelectors(ctx, &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String("sel-trail")})
	wantCode(t, err, "InsightNotEnabledException")
	_, err = e.ct.PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{TrailName: aws.String("sel-trail"), InsightSelectors: []types.InsightSelector{{InsightType: "Bogus"}}})
	wantCode(t, err, "InvalidInsightSelectorsException")
	ins := must[*cloudtrail.PutInsightSelectorsOutput](t)(e.ct.PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{TrailName: aws.String("sel-trail"),
		InsightSelectors: []types.InsightSelector{{InsightType: types.InsightTypeApiCallRateInsight}}}))
	if len(ins.InsightSelectors) != 1 {
		t.Fatalf("PutInsightSelectors = %+v", ins)
	}
	gi := must[*cloudtrail.GetInsightSelectorsOutput](t)(e.ct.GetInsightSelectors(ctx, &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String("sel-trail")}))
	if len(gi.InsightSelectors) != 1 || gi.InsightSelectors[0].InsightType != types.InsightTypeApiCallRateInsight {
		t.Fatalf("GetInsightSelectors = %+v", gi)
	}
}
