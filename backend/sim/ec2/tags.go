package ec2

import (
	"context"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// tagsFor returns the tags a TagSpecification list gives a new resource of typ.
func tagsFor(specs []TagSpecification, typ string) []Tag {
	var out []Tag
	for _, ts := range specs {
		if ts.ResourceType == typ {
			out = mergeTags(out, ts.Tags)
		}
	}
	return out
}

// mergeTags sets tags on have: an existing key gets the new value.
func mergeTags(have, set []Tag) []Tag {
	for _, t := range set {
		replaced := false
		for i := range have {
			if have[i].Key == t.Key {
				have[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			have = append(have, t)
		}
	}
	return have
}

// CreateTagsInput is CreateTags' input.
type CreateTagsInput struct {
	Resources []string `ec2:"ResourceId"`
	Tags      []Tag    `ec2:"Tag"`
	DryRun    *bool
}

// CreateTagsOutput is empty (EC2 answers <return>true</return>).
type CreateTagsOutput struct {
	Return bool
}

func (s *Service) createTags(c *service.Call, in *CreateTagsInput) (*CreateTagsOutput, error) {
	if len(in.Resources) == 0 {
		return nil, missingParameter("resourceIdSet")
	}
	if len(in.Tags) == 0 {
		return nil, missingParameter("tagSet")
	}
	for _, id := range in.Resources {
		kind := kindOf(id)
		if kind == "" {
			return nil, invalidParameterValue("Invalid id: \"%s\"", id)
		}
		if err := authorize(c, "ec2:CreateTags", s.arn(c, kind, id), in.DryRun); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range in.Resources {
		if err := s.retag(c.Ctx, id, in.Tags); err != nil {
			return nil, err
		}
	}
	return &CreateTagsOutput{Return: true}, nil
}

// retag adds tags to the stored document of id, whatever its kind.
func (s *Service) retag(ctx context.Context, id string, tags []Tag) error {
	kind := kindOf(id)
	var doc interface{ tagsPtr() *[]Tag }
	switch kind {
	case kindVpc:
		doc = &Vpc{}
	case kindSubnet:
		doc = &Subnet{}
	case kindIGW:
		doc = &InternetGateway{}
	case kindSG:
		doc = &SecurityGroup{}
	case kindInstance:
		doc = &Instance{}
	}
	ok, err := s.get(ctx, kind, id, doc)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(kind, id)
	}
	p := doc.tagsPtr()
	*p = mergeTags(*p, tags)
	return s.put(ctx, kind, id, doc)
}

func notFound(kind, id string) error {
	switch kind {
	case kindVpc:
		return vpcNotFound(id)
	case kindSubnet:
		return subnetNotFound(id)
	case kindIGW:
		return igwNotFound(id)
	case kindSG:
		return groupNotFound(id)
	}
	return instanceNotFound(id)
}

func (v *Vpc) tagsPtr() *[]Tag             { return &v.Tags }
func (v *Subnet) tagsPtr() *[]Tag          { return &v.Tags }
func (v *InternetGateway) tagsPtr() *[]Tag { return &v.Tags }
func (v *SecurityGroup) tagsPtr() *[]Tag   { return &v.Tags }
func (v *Instance) tagsPtr() *[]Tag        { return &v.Tags }

// DescribeTagsInput is DescribeTags' input.
type DescribeTagsInput struct {
	Filters    []Filter `ec2:"Filter"`
	MaxResults *int32
	NextToken  *string
	DryRun     *bool
}

// TagDescription is one tag of one resource.
type TagDescription struct {
	ResourceId   string
	ResourceType string
	Key          string
	Value        string
}

// DescribeTagsOutput is DescribeTags' output.
type DescribeTagsOutput struct {
	Tags []TagDescription `ec2:"tagSet"`
}

func (s *Service) describeTags(c *service.Call, in *DescribeTagsInput) (*DescribeTagsOutput, error) {
	if err := authorize(c, "ec2:DescribeTags", "", in.DryRun); err != nil {
		return nil, err
	}
	out := &DescribeTagsOutput{Tags: []TagDescription{}}
	add := func(kind, id string, tags []Tag) error {
		for _, t := range tags {
			ok, err := matchFilters(in.Filters, nil, func(name string) ([]string, bool) {
				switch name {
				case "resource-id":
					return []string{id}, true
				case "resource-type":
					return []string{kind}, true
				case "key":
					return []string{t.Key}, true
				case "value":
					return []string{t.Value}, true
				}
				return nil, false
			})
			if err != nil {
				return err
			}
			if ok {
				out.Tags = append(out.Tags, TagDescription{ResourceId: id, ResourceType: kind, Key: t.Key, Value: t.Value})
			}
		}
		return nil
	}
	vpcs, err := list[Vpc](c.Ctx, s, kindVpc)
	if err != nil {
		return nil, err
	}
	for _, v := range vpcs {
		if err := add(kindVpc, v.VpcId, v.Tags); err != nil {
			return nil, err
		}
	}
	subnets, err := list[Subnet](c.Ctx, s, kindSubnet)
	if err != nil {
		return nil, err
	}
	for _, v := range subnets {
		if err := add(kindSubnet, v.SubnetId, v.Tags); err != nil {
			return nil, err
		}
	}
	igws, err := list[InternetGateway](c.Ctx, s, kindIGW)
	if err != nil {
		return nil, err
	}
	for _, v := range igws {
		if err := add(kindIGW, v.InternetGatewayId, v.Tags); err != nil {
			return nil, err
		}
	}
	sgs, err := list[SecurityGroup](c.Ctx, s, kindSG)
	if err != nil {
		return nil, err
	}
	for _, v := range sgs {
		if err := add(kindSG, v.GroupId, v.Tags); err != nil {
			return nil, err
		}
	}
	insts, err := list[Instance](c.Ctx, s, kindInstance)
	if err != nil {
		return nil, err
	}
	for _, v := range insts {
		if err := add(kindInstance, v.InstanceId, v.Tags); err != nil {
			return nil, err
		}
	}
	return out, nil
}
