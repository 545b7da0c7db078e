package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestAWSCLIEC2 runs the lab's EC2 commands with every installed AWS CLI (botocore's
// EC2 serializer and parser, v1 and v2), then replays part D through the control API
// and finds its events with cloudtrail lookup-events.
func TestAWSCLIEC2(t *testing.T) {
	clis := awsCLIs(t)
	p := startSim(t, "--ephemeral")
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			vpcs := p.run(t, cli, "ec2", "describe-vpcs")["Vpcs"].([]any)
			if len(vpcs) == 0 || vpcs[0].(map[string]any)["IsDefault"] != true {
				t.Fatalf("describe-vpcs = %v", vpcs)
			}
			name := fmt.Sprintf("cli-ec2-%d", i)
			run := p.run(t, cli, "ec2", "run-instances", "--image-id", "ami-0123456789abcdef0", "--instance-type", "t2.micro", "--count", "1",
				"--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value="+name+"}]")
			inst := run["Instances"].([]any)[0].(map[string]any)
			id, _ := inst["InstanceId"].(string)
			if !strings.HasPrefix(id, "i-") || len(id) != 19 || inst["InstanceType"] != "t2.micro" || inst["State"].(map[string]any)["Name"] != "pending" {
				t.Fatalf("run-instances = %v", inst)
			}
			desc := p.run(t, cli, "ec2", "describe-instances", "--filters", "Name=tag:Name,Values="+name)
			res := desc["Reservations"].([]any)
			if len(res) != 1 || res[0].(map[string]any)["Instances"].([]any)[0].(map[string]any)["InstanceId"] != id {
				t.Fatalf("describe-instances = %v", desc)
			}
			_, errOut, code := p.aws(t, cli, nil, "ec2", "describe-vpcs", "--vpc-ids", "vpc-00000000000000000")
			if code == 0 || !strings.Contains(errOut, "InvalidVpcID.NotFound") {
				t.Fatalf("unknown VPC: exit %d, stderr %q", code, errOut)
			}
			_, errOut, code = p.aws(t, cli, nil, "ec2", "authorize-security-group-ingress", "--group-id", "sg-00000000000000000", "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0")
			if code == 0 || !strings.Contains(errOut, "InvalidGroup.NotFound") {
				t.Fatalf("unknown group: exit %d, stderr %q", code, errOut)
			}
		})
	}

	if got := p.simControl(t, "POST", "/_sim/scenario/lab1-activity", nil); got["status"] != "done" {
		t.Fatalf("scenario: %v", got)
	}
	p.simControl(t, "POST", "/_sim/scenario/lab1-activity", nil) // idempotent
	for _, cli := range clis {
		desc := p.run(t, cli, "ec2", "describe-instances", "--filters", "Name=tag:Name,Values=al-ec2")
		if n := len(desc["Reservations"].([]any)); n != 1 {
			t.Fatalf("%d al-ec2 reservations after two runs", n)
		}
		ev := p.run(t, cli, "cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=RunInstances")
		found := false
		for _, e := range ev["Events"].([]any) {
			m := e.(map[string]any)
			if m["EventSource"] == "ec2.amazonaws.com" && m["Username"] == "Administrator" {
				found = true
			}
		}
		if !found {
			t.Fatalf("no RunInstances by Administrator: %v", ev)
		}
	}
}
