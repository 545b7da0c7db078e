package protocol

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
)

type getMetricStatisticsInput struct {
	Namespace  string
	MetricName string
	Dimensions []cwDimension
	StartTime  time.Time
	EndTime    time.Time
	Period     int32
	Statistics []string
}

type datapoint struct {
	Timestamp *time.Time
	Maximum   *float64
	Unit      string
}

type getMetricStatisticsOutput struct {
	Label      *string
	Datapoints []datapoint
}

// cloudWatchOps is the CloudWatch test service shared by the CBOR (SDK),
// JSON 1.0 and awsQuery tests.
func cloudWatchOps(describeIn *describeAlarmsInput, putIn *putMetricAlarmInput, statsIn *getMetricStatisticsInput) map[string]opFunc {
	return map[string]opFunc{
		"DescribeAlarms": decodeInto(describeIn, func(*describeAlarmsInput) (any, error) { return sampleAlarms(), nil }),
		"PutMetricAlarm": decodeInto(putIn, func(in *putMetricAlarmInput) (any, error) {
			if in.AlarmName == "one-too-many" {
				return nil, &Error{Code: "LimitExceededFault", QueryCode: "LimitExceeded", Message: "The maximum number of alarms has been reached."}
			}
			return nil, nil
		}),
		"DeleteAlarms": func(r *Request) (any, error) {
			var in deleteAlarmsInput
			if err := r.Decode(&in); err != nil {
				return nil, err
			}
			return nil, Errorf(http.StatusNotFound, "ResourceNotFound", "%d alarms do not exist", len(in.AlarmNames))
		},
		"GetMetricStatistics": decodeInto(statsIn, func(in *getMetricStatisticsInput) (any, error) {
			return &getMetricStatisticsOutput{Label: aws.String(in.MetricName), Datapoints: []datapoint{
				{Timestamp: ptr(in.StartTime), Maximum: ptr(12.25), Unit: "None"},
			}}, nil
		}),
		"SetAlarmState": func(*Request) (any, error) {
			return nil, &Error{Code: "Throttling", Message: "Rate exceeded"}
		},
		"EnableAlarmActions": func(*Request) (any, error) { return nil, errors.New("boom") },
	}
}

func TestSDKCloudWatchCBOR(t *testing.T) {
	var describeIn describeAlarmsInput
	var putIn putMetricAlarmInput
	var statsIn getMetricStatisticsInput
	srv := newSimServer(t, cwSpec, cloudWatchOps(&describeIn, &putIn, &statsIn))
	client := cloudwatch.NewFromConfig(sdkConfig(t), func(o *cloudwatch.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	ctx := context.Background()

	out, err := client.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{
		AlarmNames: []string{"a", "b"}, StateValue: cwtypes.StateValueAlarm, MaxRecords: aws.Int32(5),
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := srv.last(); r.Kind != CBOR || !r.QueryMode || r.Operation != "DescribeAlarms" {
		t.Errorf("request seen as %v qm=%v op=%s", r.Kind, r.QueryMode, r.Operation)
	}
	if len(describeIn.AlarmNames) != 2 || aws.ToString(describeIn.StateValue) != "ALARM" || aws.ToInt32(describeIn.MaxRecords) != 5 {
		t.Errorf("decoded %+v", describeIn)
	}
	if len(out.MetricAlarms) != 1 || aws.ToString(out.NextToken) != "tok" {
		t.Fatalf("output %+v", out)
	}
	a := out.MetricAlarms[0]
	if aws.ToFloat64(a.Threshold) != 10.5 || aws.ToInt32(a.Period) != 21600 || aws.ToInt32(a.EvaluationPeriods) != 1 ||
		a.StateValue != cwtypes.StateValueInsufficientData || a.Statistic != cwtypes.StatisticMaximum ||
		a.ComparisonOperator != cwtypes.ComparisonOperatorGreaterThanThreshold || !aws.ToBool(a.ActionsEnabled) {
		t.Errorf("alarm %+v", a)
	}
	if len(a.Dimensions) != 1 || aws.ToString(a.Dimensions[0].Name) != "Currency" || aws.ToString(a.Dimensions[0].Value) != "USD" {
		t.Errorf("dimensions %+v", a.Dimensions)
	}
	if !aws.ToTime(a.StateUpdatedTimestamp).Equal(t0) || !aws.ToTime(a.AlarmConfigurationUpdatedTimestamp).Equal(t0ms) {
		t.Errorf("times %v %v", a.StateUpdatedTimestamp, a.AlarmConfigurationUpdatedTimestamp)
	}
	if a.OKActions == nil || len(a.OKActions) != 0 || len(a.AlarmActions) != 1 {
		t.Errorf("actions %#v %#v", a.OKActions, a.AlarmActions)
	}

	_, err = client.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String("billing"), Namespace: aws.String("AWS/Billing"), MetricName: aws.String("EstimatedCharges"),
		Statistic: cwtypes.StatisticMaximum, Period: aws.Int32(21600), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(10),
		ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold,
		Dimensions:         []cwtypes.Dimension{{Name: aws.String("Currency"), Value: aws.String("USD")}},
		AlarmActions:       []string{"arn:aws:sns:us-east-1:1:t"}, Tags: []cwtypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if putIn.AlarmName != "billing" || aws.ToFloat64(putIn.Threshold) != 10 || len(putIn.Dimensions) != 1 ||
		putIn.Dimensions[0] != (cwDimension{"Currency", "USD"}) || len(putIn.Tags) != 1 || aws.ToString(putIn.Statistic) != "Maximum" {
		t.Errorf("decoded put %+v", putIn)
	}

	stats, err := client.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("AWS/Billing"), MetricName: aws.String("EstimatedCharges"),
		StartTime: aws.Time(t0ms), EndTime: aws.Time(t0.Add(time.Hour)), Period: aws.Int32(3600),
		Statistics: []cwtypes.Statistic{cwtypes.StatisticMaximum},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !statsIn.StartTime.Equal(t0ms) || !statsIn.EndTime.Equal(t0.Add(time.Hour)) || statsIn.Statistics[0] != "Maximum" {
		t.Errorf("decoded stats input %+v", statsIn)
	}
	if len(stats.Datapoints) != 1 || !aws.ToTime(stats.Datapoints[0].Timestamp).Equal(t0ms) || aws.ToFloat64(stats.Datapoints[0].Maximum) != 12.25 {
		t.Errorf("datapoints %+v", stats.Datapoints)
	}

	_, err = client.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"x"}})
	var rnf *cwtypes.ResourceNotFound
	if !errors.As(err, &rnf) || rnf.ErrorMessage() != "1 alarms do not exist" {
		t.Fatalf("want *types.ResourceNotFound, got %T %v", err, err)
	}
	assertAPIError(t, err, "ResourceNotFound", 404)

	_, err = client.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("one-too-many"),
		EvaluationPeriods: aws.Int32(1), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
	var lim *cwtypes.LimitExceededFault
	if !errors.As(err, &lim) {
		t.Fatalf("want *types.LimitExceededFault, got %T %v", err, err)
	}
	if lim.ErrorCode() != "LimitExceeded" || lim.ErrorMessage() != "The maximum number of alarms has been reached." {
		t.Errorf("query-compatible code not applied: %q %q", lim.ErrorCode(), lim.ErrorMessage())
	}

	_, err = client.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("a"),
		StateValue: cwtypes.StateValueOk, StateReason: aws.String("r")})
	assertAPIError(t, err, "Throttling", 400)

	_, err = client.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{"a"}})
	assertAPIError(t, err, "InternalFailure", 500)
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorFault() != smithy.FaultServer {
		t.Errorf("fault %v, want server", apiErr.ErrorFault())
	}
}

// post sends a hand-made request the way botocore would and returns the
// response status, headers and body.
func post(t *testing.T, url string, headers map[string]string, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// TestCloudWatchJSON10AndQuery covers the two CloudWatch protocols that
// aws-sdk-go-v2 no longer speaks, with requests shaped exactly like
// botocore's JSONSerializer and QuerySerializer output.
func TestCloudWatchJSON10AndQuery(t *testing.T) {
	var describeIn describeAlarmsInput
	var putIn putMetricAlarmInput
	var statsIn getMetricStatisticsInput
	ops := cloudWatchOps(&describeIn, &putIn, &statsIn)
	ops["DescribeAlarms"] = decodeInto(&describeIn, func(*describeAlarmsInput) (any, error) {
		return &describeAlarmsOutput{MetricAlarms: []metricAlarm{{
			AlarmName: aws.String("a"), StateValue: "OK", StateUpdatedTimestamp: ptr(t0ms), Threshold: ptr(80.0),
			Dimensions: []cwDimension{{"InstanceId", "i-1"}}, Period: ptr(int32(60)), Statistic: "Average",
			ComparisonOperator: "GreaterThanThreshold",
		}}}, nil
	})
	srv := newSimServer(t, cwSpec, ops)

	cases := []struct {
		name     string
		headers  map[string]string
		body     string
		status   int
		respBody string
		respHdr  map[string]string
	}{
		{
			name: "json 1.0 DescribeAlarms",
			headers: map[string]string{"X-Amz-Target": "GraniteServiceVersion20100801.DescribeAlarms",
				"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-mode": "true"},
			body:   `{"AlarmNames": ["a"], "StateValue": "OK", "MaxRecords": 5}`,
			status: 200,
			respBody: `{"MetricAlarms":[{"AlarmName":"a","StateValue":"OK","StateUpdatedTimestamp":1795322100.123,` +
				`"Statistic":"Average","Dimensions":[{"Name":"InstanceId","Value":"i-1"}],"Period":60,"Threshold":80.0,` +
				`"ComparisonOperator":"GreaterThanThreshold"}]}`,
			respHdr: map[string]string{"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "11111111-2222-3333-4444-555555555555"},
		},
		{
			name: "json 1.0 error is query-compatible",
			headers: map[string]string{"X-Amz-Target": "GraniteServiceVersion20100801.PutMetricAlarm",
				"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-mode": "true"},
			body:     `{"AlarmName": "one-too-many", "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold"}`,
			status:   400,
			respBody: `{"__type":"com.amazonaws.cloudwatch#LimitExceededFault","message":"The maximum number of alarms has been reached."}`,
			respHdr:  map[string]string{"x-amzn-query-error": "LimitExceeded;Sender", "X-Amzn-ErrorType": "LimitExceededFault"},
		},
		{
			name: "json 1.0 bad input type",
			headers: map[string]string{"X-Amz-Target": "GraniteServiceVersion20100801.DescribeAlarms",
				"Content-Type": "application/x-amz-json-1.0"},
			body:     `{"MaxRecords": "five"}`,
			status:   400,
			respBody: `{"__type":"com.amazon.coral.service#SerializationException","message":"STRING_VALUE can not be converted to an Integer"}`,
		},
		{
			name:    "query DescribeAlarms",
			headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
			body:    "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=a&StateValue=OK&MaxRecords=5",
			status:  200,
			respBody: `<DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><DescribeAlarmsResult>` +
				`<MetricAlarms><member><AlarmName>a</AlarmName><StateValue>OK</StateValue>` +
				`<StateUpdatedTimestamp>2026-11-22T04:35:00.123Z</StateUpdatedTimestamp><Statistic>Average</Statistic>` +
				`<Dimensions><member><Name>InstanceId</Name><Value>i-1</Value></member></Dimensions><Period>60</Period>` +
				`<Threshold>80.0</Threshold><ComparisonOperator>GreaterThanThreshold</ComparisonOperator></member></MetricAlarms>` +
				`</DescribeAlarmsResult><ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId>` +
				`</ResponseMetadata></DescribeAlarmsResponse>`,
			respHdr: map[string]string{"Content-Type": "text/xml"},
		},
		{
			name:    "query error uses the awsQuery code",
			headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
			body:    "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=one-too-many",
			status:  400,
			respBody: `<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type>` +
				`<Code>LimitExceeded</Code><Message>The maximum number of alarms has been reached.</Message></Error>` +
				`<RequestId>11111111-2222-3333-4444-555555555555</RequestId></ErrorResponse>`,
		},
		{
			name:    "query unknown action",
			headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
			body:    "Action=Frobnicate&Version=2010-08-01",
			status:  400,
			respBody: `<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type>` +
				`<Code>InvalidAction</Code><Message>Could not find operation Frobnicate for version 2010-08-01</Message></Error>` +
				`<RequestId>11111111-2222-3333-4444-555555555555</RequestId></ErrorResponse>`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, hdr, body := post(t, srv.URL+"/", tc.headers, tc.body)
			if status != tc.status {
				t.Errorf("status %d, want %d", status, tc.status)
			}
			if body != tc.respBody {
				t.Errorf("body\n got %s\nwant %s", body, tc.respBody)
			}
			for k, v := range tc.respHdr {
				if hdr.Get(k) != v {
					t.Errorf("header %s = %q, want %q", k, hdr.Get(k), v)
				}
			}
		})
	}
	if len(describeIn.AlarmNames) != 1 || aws.ToString(describeIn.StateValue) != "OK" || aws.ToInt32(describeIn.MaxRecords) != 5 {
		t.Errorf("decoded %+v", describeIn)
	}
}
