package cloudtrail

import (
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// Tags are addressed by the trail's ARN (ResourceId). A trail ARN that does not exist
// is ResourceNotFoundException, as for other taggable CloudTrail resources.

func (s *Service) taggedTrail(c *service.Call, action, arn string, write bool) (*trailState, error) {
	if !trailARNPattern.MatchString(arn) {
		return nil, invalidARN(arn)
	}
	t, err := s.authorized(c, action, arn, write)
	if isCode(err, "TrailNotFoundException") {
		return nil, errorf("ResourceNotFoundException", "Resource %s not found.", arn)
	}
	return t, err
}

func (s *Service) addTags(c *service.Call, in *addTagsInput) (*empty, error) {
	add, err := tagsFrom(in.TagsList)
	if err != nil {
		return nil, err
	}
	t, err := s.taggedTrail(c, "cloudtrail:AddTags", in.ResourceId, true)
	if err != nil {
		return nil, err
	}
	_, err = s.update(c.Ctx, t.ARN, func(t *trailState) error {
		for _, a := range add {
			replaced := false
			for i := range t.Tags {
				if t.Tags[i].Key == a.Key {
					t.Tags[i].Value, replaced = a.Value, true
				}
			}
			if !replaced {
				t.Tags = append(t.Tags, a)
			}
		}
		if len(t.Tags) > model.MaxTrailTags {
			return errorf("TagsLimitExceededException", "The number of tags on the trail would exceed the limit of %d.", model.MaxTrailTags)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &empty{}, nil
}

type removeTagsInput struct {
	ResourceId string
	TagsList   []Tag
}

func (s *Service) removeTags(c *service.Call, in *removeTagsInput) (*empty, error) {
	t, err := s.taggedTrail(c, "cloudtrail:RemoveTags", in.ResourceId, true)
	if err != nil {
		return nil, err
	}
	_, err = s.update(c.Ctx, t.ARN, func(t *trailState) error {
		kept := t.Tags[:0]
		for _, tag := range t.Tags {
			drop := false
			for _, r := range in.TagsList {
				if r.Key == tag.Key && (r.Value == nil || *r.Value == tag.Value) {
					drop = true
				}
			}
			if !drop {
				kept = append(kept, tag)
			}
		}
		t.Tags = kept
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &empty{}, nil
}

func (s *Service) listTags(c *service.Call, in *listTagsInput) (*listTagsOutput, error) {
	if len(in.ResourceIdList) == 0 {
		return nil, errorf("InvalidParameterException", "ResourceIdList must contain at least one ARN.")
	}
	if len(in.ResourceIdList) > maxListTagsResources {
		return nil, errorf("InvalidParameterException", "ResourceIdList can contain at most %d ARNs; you specified %d.", maxListTagsResources, len(in.ResourceIdList))
	}
	fp := pageFingerprint(append([]string{"ListTags", c.Region}, in.ResourceIdList...)...)
	start, ok := pageStart(in.NextToken, fp)
	if !ok {
		return nil, invalidToken()
	}
	out := &listTagsOutput{ResourceTagList: []resourceTag{}}
	for _, arn := range in.ResourceIdList {
		t, err := s.taggedTrail(c, "cloudtrail:ListTags", arn, false)
		if err != nil {
			return nil, err
		}
		rt := resourceTag{ResourceId: t.ARN, TagsList: []Tag{}}
		for _, tag := range t.Tags {
			rt.TagsList = append(rt.TagsList, Tag{Key: tag.Key, Value: str(tag.Value)})
		}
		out.ResourceTagList = append(out.ResourceTagList, rt)
	}
	out.ResourceTagList, out.NextToken = page(out.ResourceTagList, start, listTagsPageSize, fp)
	return out, nil
}
