package ec2

import "github.com/labconsole/labconsole/backend/sim/service"

// CreateInternetGatewayInput is CreateInternetGateway's input.
type CreateInternetGatewayInput struct {
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
	DryRun            *bool
}

// CreateInternetGatewayOutput is CreateInternetGateway's output.
type CreateInternetGatewayOutput struct {
	InternetGateway InternetGateway
}

func (s *Service) createInternetGateway(c *service.Call, in *CreateInternetGatewayInput) (*CreateInternetGatewayOutput, error) {
	if err := authorize(c, "ec2:CreateInternetGateway", s.arn(c, "internet-gateway", "*"), in.DryRun); err != nil {
		return nil, err
	}
	g := InternetGateway{InternetGatewayId: newID("igw"), OwnerId: s.account, Attachments: []InternetGatewayAttachment{},
		Tags: nonNilTags(tagsFor(in.TagSpecifications, "internet-gateway"))}
	if err := s.put(c.Ctx, kindIGW, g.InternetGatewayId, g); err != nil {
		return nil, err
	}
	touched(c, resIGW, g.InternetGatewayId)
	return &CreateInternetGatewayOutput{InternetGateway: g}, nil
}

// AttachInternetGatewayInput is AttachInternetGateway's input.
type AttachInternetGatewayInput struct {
	InternetGatewayId string
	VpcId             string
	DryRun            *bool
}

// AttachInternetGatewayOutput is empty (EC2 answers <return>true</return>).
type AttachInternetGatewayOutput struct {
	Return bool
}

func (s *Service) attachInternetGateway(c *service.Call, in *AttachInternetGatewayInput) (*AttachInternetGatewayOutput, error) {
	if in.InternetGatewayId == "" {
		return nil, missingParameter("internetGatewayId")
	}
	if in.VpcId == "" {
		return nil, missingParameter("vpcId")
	}
	if err := authorize(c, "ec2:AttachInternetGateway", s.arn(c, "internet-gateway", in.InternetGatewayId), in.DryRun); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var g InternetGateway
	if ok, err := s.get(c.Ctx, kindIGW, in.InternetGatewayId, &g); err != nil || !ok {
		if err == nil {
			err = igwNotFound(in.InternetGatewayId)
		}
		return nil, err
	}
	var v Vpc
	if ok, err := s.get(c.Ctx, kindVpc, in.VpcId, &v); err != nil || !ok {
		if err == nil {
			err = vpcNotFound(in.VpcId)
		}
		return nil, err
	}
	for _, a := range g.Attachments {
		if a.VpcId == in.VpcId {
			return nil, resourceAlreadyAssociated(in.InternetGatewayId, in.VpcId)
		}
	}
	if len(g.Attachments) > 0 {
		return nil, resourceAlreadyAssociated(in.InternetGatewayId, g.Attachments[0].VpcId)
	}
	g.Attachments = append(g.Attachments, InternetGatewayAttachment{State: "available", VpcId: in.VpcId})
	if err := s.put(c.Ctx, kindIGW, g.InternetGatewayId, g); err != nil {
		return nil, err
	}
	touched(c, resIGW, g.InternetGatewayId)
	touched(c, resVpc, in.VpcId)
	return &AttachInternetGatewayOutput{Return: true}, nil
}

// DescribeInternetGatewaysInput is DescribeInternetGateways' input.
type DescribeInternetGatewaysInput struct {
	InternetGatewayIds []string `ec2:"InternetGatewayId"`
	Filters            []Filter `ec2:"Filter"`
	DryRun             *bool
}

// DescribeInternetGatewaysOutput is DescribeInternetGateways' output.
type DescribeInternetGatewaysOutput struct {
	InternetGateways []InternetGateway `ec2:"internetGatewaySet"`
}

func (s *Service) describeInternetGateways(c *service.Call, in *DescribeInternetGatewaysInput) (*DescribeInternetGatewaysOutput, error) {
	if err := authorize(c, "ec2:DescribeInternetGateways", "", in.DryRun); err != nil {
		return nil, err
	}
	all, err := list[InternetGateway](c.Ctx, s, kindIGW)
	if err != nil {
		return nil, err
	}
	out := &DescribeInternetGatewaysOutput{InternetGateways: []InternetGateway{}}
	found := map[string]bool{}
	for _, g := range all {
		found[g.InternetGatewayId] = true
		if !wanted(in.InternetGatewayIds, g.InternetGatewayId) {
			continue
		}
		ok, err := matchFilters(in.Filters, g.Tags, func(name string) ([]string, bool) {
			switch name {
			case "internet-gateway-id":
				return []string{g.InternetGatewayId}, true
			case "attachment.vpc-id":
				var ids []string
				for _, a := range g.Attachments {
					ids = append(ids, a.VpcId)
				}
				return ids, true
			}
			return nil, false
		})
		if err != nil {
			return nil, err
		}
		if ok {
			g.Tags = nonNilTags(g.Tags)
			out.InternetGateways = append(out.InternetGateways, g)
		}
	}
	if id, ok := missing(in.InternetGatewayIds, found); ok {
		return nil, igwNotFound(id)
	}
	return out, nil
}
