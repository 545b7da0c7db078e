package cloudtrail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	ct "github.com/labconsole/labconsole/backend/sim/cloudtrail"
	"github.com/labconsole/labconsole/model"
)

func TestListPaging(t *testing.T) {
	ctx := context.Background()
	defer ct.SetPageSizes(2, 2, 2)()
	e := newEnv(t)
	var arns []string
	for _, n := range []string{"page-a", "page-b", "page-c"} {
		e.bucketFor(n+"-bucket", "", n)
		out := must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(n), S3BucketName: aws.String(n + "-bucket"),
			TagsList: []types.Tag{{Key: aws.String("Name"), Value: aws.String(n)}}}))
		arns = append(arns, aws.ToString(out.TrailARN))
	}

	first := must[*cloudtrail.ListTrailsOutput](t)(e.ct.ListTrails(ctx, &cloudtrail.ListTrailsInput{}))
	if len(first.Trails) != 2 || first.NextToken == nil {
		t.Fatalf("first ListTrails page: %d trails, token %v", len(first.Trails), first.NextToken)
	}
	var names []string
	p := cloudtrail.NewListTrailsPaginator(e.ct, &cloudtrail.ListTrailsInput{})
	for p.HasMorePages() {
		pg := must[*cloudtrail.ListTrailsOutput](t)(p.NextPage(ctx))
		for _, tr := range pg.Trails {
			names = append(names, aws.ToString(tr.Name))
		}
	}
	if len(names) != 3 || names[0] != "page-a" || names[2] != "page-c" {
		t.Fatalf("ListTrails pages: %v", names)
	}
	_, err := e.ct.ListTrails(ctx, &cloudtrail.ListTrailsInput{NextToken: aws.String("bogus")})
	wantCode(t, err, "InvalidNextTokenException")
	// A token is tied to its request: another region's call refuses it.
	_, err = e.in("us-east-1").ListTrails(ctx, &cloudtrail.ListTrailsInput{NextToken: first.NextToken})
	wantCode(t, err, "InvalidNextTokenException")

	var tagged []string
	tp := cloudtrail.NewListTagsPaginator(e.ct, &cloudtrail.ListTagsInput{ResourceIdList: arns})
	for tp.HasMorePages() {
		pg := must[*cloudtrail.ListTagsOutput](t)(tp.NextPage(ctx))
		if len(pg.ResourceTagList) > 2 {
			t.Fatalf("ListTags page of %d", len(pg.ResourceTagList))
		}
		for _, rt := range pg.ResourceTagList {
			if len(rt.TagsList) != 1 || aws.ToString(rt.TagsList[0].Value) != strings.TrimPrefix(aws.ToString(rt.ResourceId), "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/") {
				t.Fatalf("tags of %s: %+v", aws.ToString(rt.ResourceId), rt.TagsList)
			}
			tagged = append(tagged, aws.ToString(rt.ResourceId))
		}
	}
	if len(tagged) != 3 || tagged[1] != arns[1] {
		t.Fatalf("ListTags pages: %v", tagged)
	}
	_, err = e.ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: arns[:2], NextToken: first.NextToken})
	wantCode(t, err, "InvalidTokenException")
	many := make([]string, 21)
	for i := range many {
		many[i] = model.TrailARN("ap-northeast-2", "123456789012", "page-a")
	}
	_, err = e.ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: many})
	wantCode(t, err, "InvalidParameterException")

	// Three signing keys, one per 30-day period, listed two at a time.
	for i := 0; i < 2; i++ {
		must[*cloudtrail.ListPublicKeysOutput](t)(e.ct.ListPublicKeys(ctx, &cloudtrail.ListPublicKeysInput{}))
		e.advance(31 * 24 * time.Hour)
	}
	in := &cloudtrail.ListPublicKeysInput{StartTime: aws.Time(testStart), EndTime: aws.Time(e.sim.Clock().Now())}
	var fingerprints []string
	kp := cloudtrail.NewListPublicKeysPaginator(e.ct, in)
	pages := 0
	for kp.HasMorePages() {
		pg := must[*cloudtrail.ListPublicKeysOutput](t)(kp.NextPage(ctx))
		pages++
		for _, k := range pg.PublicKeyList {
			fingerprints = append(fingerprints, aws.ToString(k.Fingerprint))
		}
	}
	if len(fingerprints) != 3 || pages != 2 || fingerprints[0] == fingerprints[1] {
		t.Fatalf("ListPublicKeys: %d keys in %d pages", len(fingerprints), pages)
	}
	_, err = e.ct.ListPublicKeys(ctx, &cloudtrail.ListPublicKeysInput{NextToken: aws.String("bogus")})
	wantCode(t, err, "InvalidTokenException")
}
