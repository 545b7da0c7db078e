package cloudtrail

import (
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// Limits of event selectors (API model, InvalidEventSelectorsException).
const (
	maxSelectors      = 5
	maxDataResources  = 250
	maxAdvancedValues = 500
)

var (
	readWriteTypes = map[string]bool{model.ReadWriteAll: true, model.ReadWriteReadOnly: true, model.ReadWriteWriteOnly: true}
	dataTypes      = map[string]string{"AWS::S3::Object": "arn:aws:s3", "AWS::Lambda::Function": "arn:aws:lambda", "AWS::DynamoDB::Table": "arn:aws:dynamodb"}
	excludable     = map[string]bool{model.ExcludeKMSEvents: true, model.ExcludeRDSDataEvent: true}
	// advancedFields are the fields a trail's advanced selectors may use; the others
	// (eventType, userIdentity.arn, sessionCredentialFromConsole) are for event
	// data stores only.
	advancedFields = map[string]bool{"eventCategory": true, "readOnly": true, "eventSource": true, "eventName": true,
		"resources.type": true, "resources.ARN": true, "errorCode": true, "vpcEndpointId": true}
	equalsOnly = map[string]bool{"eventCategory": true, "readOnly": true, "resources.type": true}
	categories = map[string]bool{"Management": true, "Data": true, "NetworkActivity": true}
)

func (s *Service) putEventSelectors(c *service.Call, in *putEventSelectorsInput) (*eventSelectorsOutput, error) {
	basic, err := validateBasic(in)
	if err != nil {
		return nil, err
	}
	if err := validateAdvanced(in.AdvancedEventSelectors); err != nil {
		return nil, err
	}
	t, err := s.authorized(c, "cloudtrail:PutEventSelectors", in.TrailName, true)
	if err != nil {
		return nil, err
	}
	t, err = s.update(c.Ctx, t.ARN, func(t *trailState) error {
		t.Basic, t.Advanced = basic, nil
		if in.AdvancedEventSelectors != nil {
			t.Basic, t.Advanced = nil, in.AdvancedEventSelectors
		}
		t.CustomSelectors = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t.selectorsOutput(), nil
}

func validateBasic(in *putEventSelectorsInput) ([]basicSelector, error) {
	switch {
	case in.EventSelectors != nil && in.AdvancedEventSelectors != nil:
		return nil, invalidSelectors("You cannot apply both event selectors and advanced event selectors to a trail.")
	case in.EventSelectors == nil && in.AdvancedEventSelectors == nil:
		return nil, invalidSelectors("You must specify either event selectors or advanced event selectors.")
	case in.EventSelectors == nil:
		return nil, nil
	case len(in.EventSelectors) == 0 || len(in.EventSelectors) > maxSelectors:
		return nil, invalidSelectors("A trail can have 1 to %d event selectors; you specified %d.", maxSelectors, len(in.EventSelectors))
	}
	out := make([]basicSelector, 0, len(in.EventSelectors))
	resources := 0
	for _, es := range in.EventSelectors {
		b := basicSelector{ReadWriteType: model.ReadWriteAll, IncludeMgmt: true, DataResources: es.DataResources, ExcludeSources: es.ExcludeManagementEventSources}
		if es.ReadWriteType != nil {
			if !readWriteTypes[*es.ReadWriteType] {
				return nil, invalidSelectors("Value %s for ReadWriteType is invalid. Valid values are ReadOnly, WriteOnly and All.", *es.ReadWriteType)
			}
			b.ReadWriteType = *es.ReadWriteType
		}
		if es.IncludeManagementEvents != nil {
			b.IncludeMgmt = *es.IncludeManagementEvents
		}
		for _, src := range es.ExcludeManagementEventSources {
			if !excludable[src] {
				return nil, invalidSelectors("Value %s for ExcludeManagementEventSources is invalid. Valid values are kms.amazonaws.com and rdsdata.amazonaws.com.", src)
			}
		}
		for _, dr := range es.DataResources {
			typ := ""
			if dr.Type != nil {
				typ = *dr.Type
			}
			prefix, ok := dataTypes[typ]
			if !ok {
				return nil, invalidSelectors("Value %s for DataResources.Type is invalid. Valid values are AWS::S3::Object, AWS::Lambda::Function and AWS::DynamoDB::Table.", typ)
			}
			if len(dr.Values) == 0 {
				return nil, invalidSelectors("DataResources.Values must contain at least one value.")
			}
			for _, v := range dr.Values {
				if len(v) < len(prefix) || v[:len(prefix)] != prefix {
					return nil, invalidSelectors("Value %s for DataResources.Values is invalid.", v)
				}
			}
			resources += len(dr.Values)
		}
		out = append(out, b)
	}
	if resources > maxDataResources {
		return nil, invalidSelectors("A trail is limited to %d data resources; you specified %d.", maxDataResources, resources)
	}
	return out, nil
}

func validateAdvanced(sels []AdvancedEventSelector) error {
	if sels == nil {
		return nil
	}
	if len(sels) == 0 {
		return invalidSelectors("You must specify at least one advanced event selector.")
	}
	values := 0
	for _, sel := range sels {
		if sel.Name != nil && len(*sel.Name) > 1000 {
			return invalidSelectors("Advanced event selector names can be at most 1000 characters.")
		}
		if len(sel.FieldSelectors) == 0 {
			return invalidSelectors("Each advanced event selector must have at least one field selector.")
		}
		category, hasType := "", false
		for _, f := range sel.FieldSelectors {
			if !advancedFields[f.Field] {
				return invalidSelectors("Field %s is not valid for a trail's advanced event selectors.", f.Field)
			}
			ops := [][]string{f.Equals, f.StartsWith, f.EndsWith, f.NotEquals, f.NotStartsWith, f.NotEndsWith}
			n := 0
			for i, op := range ops {
				if op == nil {
					continue
				}
				if len(op) == 0 {
					return invalidSelectors("Field %s has an operator without values.", f.Field)
				}
				if i > 0 && equalsOnly[f.Field] {
					return invalidSelectors("Field %s supports only the Equals operator.", f.Field)
				}
				for _, v := range op {
					if v == "" || len(v) > 2048 {
						return invalidSelectors("Values of field %s must be 1 to 2048 characters.", f.Field)
					}
				}
				n += len(op)
			}
			if n == 0 {
				return invalidSelectors("Field %s has no conditions.", f.Field)
			}
			values += n
			switch f.Field {
			case "eventCategory":
				if len(f.Equals) != 1 || !categories[f.Equals[0]] {
					return invalidSelectors("Field eventCategory must be Equals one of Management, Data or NetworkActivity.")
				}
				category = f.Equals[0]
			case "readOnly":
				for _, v := range f.Equals {
					if v != "true" && v != "false" {
						return invalidSelectors("Field readOnly accepts only true or false.")
					}
				}
			case "resources.type":
				hasType = true
			}
		}
		switch {
		case category == "":
			return invalidSelectors("Each advanced event selector must have an eventCategory field selector.")
		case category == "Data" && !hasType:
			return invalidSelectors("A data event selector must have a resources.type field selector.")
		}
	}
	if values > maxAdvancedValues {
		return invalidSelectors("A trail's advanced event selectors can have at most %d values; you specified %d.", maxAdvancedValues, values)
	}
	return nil
}

func (s *Service) getEventSelectors(c *service.Call, in *getEventSelectorsInput) (*eventSelectorsOutput, error) {
	t, err := s.authorized(c, "cloudtrail:GetEventSelectors", in.TrailName, false)
	if err != nil {
		return nil, err
	}
	return t.selectorsOutput(), nil
}

// selectorsOutput is what Put/GetEventSelectors answer; a trail without custom
// selectors shows CloudTrail's default one (all management events).
func (t *trailState) selectorsOutput() *eventSelectorsOutput {
	out := &eventSelectorsOutput{TrailARN: str(t.ARN)}
	if t.Advanced != nil {
		out.AdvancedEventSelectors = t.Advanced
		return out
	}
	basic := t.Basic
	if basic == nil {
		basic = []basicSelector{{ReadWriteType: model.ReadWriteAll, IncludeMgmt: true}}
	}
	for _, b := range basic {
		es := EventSelector{ReadWriteType: str(b.ReadWriteType), IncludeManagementEvents: ptr(b.IncludeMgmt),
			DataResources: b.DataResources, ExcludeManagementEventSources: b.ExcludeSources}
		if es.DataResources == nil {
			es.DataResources = []DataResource{}
		}
		if es.ExcludeManagementEventSources == nil {
			es.ExcludeManagementEventSources = []string{}
		}
		out.EventSelectors = append(out.EventSelectors, es)
	}
	return out
}
