package trail

import "reflect"

// resourceFields say which input members name a resource, per service, for the
// Resources of Event history when a service lists none itself: CloudTrail fills
// "Resource type" and "Resource name" from the request, and the console's
// ResourceType/ResourceName filters need them.
var resourceFields = map[string][]struct{ field, typ string }{
	"iam": {
		{"UserName", "AWS::IAM::User"}, {"GroupName", "AWS::IAM::Group"}, {"RoleName", "AWS::IAM::Role"},
		{"PolicyArn", "AWS::IAM::Policy"}, {"AccessKeyId", "AWS::IAM::AccessKey"},
	},
	"s3":         {{"Bucket", "AWS::S3::Bucket"}},
	"sns":        {{"TopicArn", "AWS::SNS::Topic"}},
	"monitoring": {{"AlarmName", "AWS::CloudWatch::Alarm"}, {"AlarmNames", "AWS::CloudWatch::Alarm"}},
	"cloudtrail": {{"Name", "AWS::CloudTrail::Trail"}, {"TrailName", "AWS::CloudTrail::Trail"}, {"ResourceId", "AWS::CloudTrail::Trail"}},
	"logs":       {{"logGroupName", "AWS::Logs::LogGroup"}},
}

// derivedResources lists the resources the call's input names.
func derivedResources(signing string, input any) []Resource {
	fields := resourceFields[signing]
	if len(fields) == 0 || input == nil {
		return nil
	}
	rv := reflect.ValueOf(input)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	var out []Resource
	for _, f := range fields {
		for _, name := range stringValues(rv.FieldByName(f.field)) {
			if name != "" {
				out = append(out, Resource{ResourceType: f.typ, ResourceName: name})
			}
		}
	}
	return out
}

// stringValues reads a string, *string or []string member.
func stringValues(v reflect.Value) []string {
	if !v.IsValid() {
		return nil
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return nil
		}
		out := make([]string, v.Len())
		for i := range out {
			out[i] = v.Index(i).String()
		}
		return out
	}
	return nil
}
