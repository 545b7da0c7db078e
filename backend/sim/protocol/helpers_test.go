package protocol

import (
	"net/http"
	"net/http/httptest"
	"time"
)

var (
	iamSpec = &Spec{
		SigningName:  "iam",
		APIVersion:   "2010-05-08",
		XMLNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
	}
	snsSpec = &Spec{
		SigningName:  "sns",
		APIVersion:   "2010-03-31",
		XMLNamespace: "http://sns.amazonaws.com/doc/2010-03-31/",
	}
	cwSpec = &Spec{
		SigningName:      "monitoring",
		APIVersion:       "2010-08-01",
		XMLNamespace:     "http://monitoring.amazonaws.com/doc/2010-08-01/",
		JSONTargetPrefix: "GraniteServiceVersion20100801",
		CBORService:      "GraniteServiceVersion20100801",
		ErrorNamespace:   "com.amazonaws.cloudwatch",
		QueryCompatible:  true,
	}
	ctSpec = &Spec{
		SigningName:      "cloudtrail",
		APIVersion:       "2013-11-01",
		JSONTargetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
		ErrorNamespace:   "com.amazonaws.cloudtrail.v20131101",
	}
	s3Spec = &Spec{SigningName: "s3", APIVersion: "2006-03-01", XMLNamespace: "http://s3.amazonaws.com/doc/2006-03-01/"}
)

// fixed test instants: whole seconds and with milliseconds.
var (
	t0   = time.Date(2026, 11, 22, 4, 35, 0, 0, time.UTC)
	t0ms = time.Date(2026, 11, 22, 4, 35, 0, 123_000_000, time.UTC)
)

// record runs WriteResult (or WriteError when err != nil) into a recorder.
func record(spec *Spec, r *Request, out any, err error) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	if err != nil {
		WriteError(rec, spec, r, err, "req-1")
	} else {
		WriteResult(rec, spec, r, out, "req-1")
	}
	return rec
}

// fakeReq builds a Request of kind k for operation op (no HTTP request).
func fakeReq(k Kind, op string) *Request {
	return &Request{Kind: k, Operation: op, HTTP: httptest.NewRequest(http.MethodPost, "/", nil)}
}

// sampleUsers is an IAM ListUsers output with nested tags and times.
func sampleUsers() *listUsersOutput {
	return &listUsersOutput{
		Users: []iamUser{{
			Path:       "/",
			UserName:   "alice",
			UserId:     "AIDAEXAMPLEALICE0001",
			Arn:        "arn:aws:iam::123456789012:user/alice",
			CreateDate: t0,
			Tags:       []iamTag{{Key: "team", Value: "a&b<c>"}},
		}, {
			Path:             "/ops/",
			UserName:         "bob",
			UserId:           "AIDAEXAMPLEBOB000002",
			Arn:              "arn:aws:iam::123456789012:user/ops/bob",
			CreateDate:       t0ms,
			PasswordLastUsed: ptr(t0.Add(time.Hour)),
		}},
		IsTruncated: true,
		Marker:      ptr("m-2"),
	}
}

// sampleAlarms is a CloudWatch DescribeAlarms output.
func sampleAlarms() *describeAlarmsOutput {
	return &describeAlarmsOutput{
		MetricAlarms: []metricAlarm{{
			AlarmName:                          ptr("billing-10usd"),
			AlarmArn:                           ptr("arn:aws:cloudwatch:us-east-1:123456789012:alarm:billing-10usd"),
			AlarmDescription:                   ptr("Bill over $10"),
			AlarmConfigurationUpdatedTimestamp: ptr(t0ms),
			ActionsEnabled:                     ptr(true),
			OKActions:                          []string{},
			AlarmActions:                       []string{"arn:aws:sns:us-east-1:123456789012:billing"},
			InsufficientDataActions:            []string{},
			StateValue:                         "INSUFFICIENT_DATA",
			StateReason:                        ptr("Unchecked: Initial alarm creation"),
			StateUpdatedTimestamp:              ptr(t0),
			MetricName:                         ptr("EstimatedCharges"),
			Namespace:                          ptr("AWS/Billing"),
			Statistic:                          "Maximum",
			Dimensions:                         []cwDimension{{Name: "Currency", Value: "USD"}},
			Period:                             ptr(int32(21600)),
			EvaluationPeriods:                  ptr(int32(1)),
			Threshold:                          ptr(10.5),
			ComparisonOperator:                 "GreaterThanThreshold",
			TreatMissingData:                   ptr("missing"),
		}},
		NextToken: ptr("tok"),
	}
}

// sampleEvents is a CloudTrail LookupEvents output.
func sampleEvents() *lookupEventsOutput {
	return &lookupEventsOutput{
		Events: []ctEvent{{
			EventId:         ptr("0f5b1d0e-1111-2222-3333-444455556666"),
			EventName:       ptr("ConsoleLogin"),
			ReadOnly:        ptr("false"),
			EventTime:       ptr(t0ms),
			EventSource:     ptr("signin.amazonaws.com"),
			Username:        ptr("alice"),
			Resources:       []ctResource{{ResourceType: ptr("AWS::IAM::User"), ResourceName: ptr("alice")}},
			CloudTrailEvent: ptr(`{"eventVersion":"1.11","eventName":"ConsoleLogin"}`),
		}},
	}
}
