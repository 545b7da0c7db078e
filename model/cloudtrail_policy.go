package model

import "encoding/json"

// TrailBucketPolicy is the bucket policy the console applies when it creates a trail's
// bucket ("Create new S3 bucket"): CloudTrail may read the bucket ACL and write under
// [prefix/]AWSLogs/<account>/, both only for this trail (aws:SourceArn), writes only
// with bucket-owner-full-control. The spelling (Sids, AWS:SourceArn, key order)
// follows console-created buckets.
func TrailBucketPolicy(bucket, prefix, account, trailARN string) string {
	logs := "arn:aws:s3:::" + bucket + "/"
	if prefix != "" {
		logs += prefix + "/"
	}
	logs += "AWSLogs/" + account + "/*"
	type stmt struct {
		Sid       string
		Effect    string
		Principal map[string]string
		Action    string
		Resource  string
		Condition json.RawMessage
	}
	// Condition keys in the console's order: AWS:SourceArn first.
	acl := `{"StringEquals":{"AWS:SourceArn":` + quote(trailARN) + `}}`
	write := `{"StringEquals":{"AWS:SourceArn":` + quote(trailARN) + `,"s3:x-amz-acl":"bucket-owner-full-control"}}`
	doc := struct {
		Version   string
		Statement []stmt
	}{"2012-10-17", []stmt{
		{"AWSCloudTrailAclCheck20150319", "Allow", map[string]string{"Service": "cloudtrail.amazonaws.com"}, "s3:GetBucketAcl", "arn:aws:s3:::" + bucket, json.RawMessage(acl)},
		{"AWSCloudTrailWrite20150319", "Allow", map[string]string{"Service": "cloudtrail.amazonaws.com"}, "s3:PutObject", logs, json.RawMessage(write)},
	}}
	out, _ := json.MarshalIndent(doc, "", "    ")
	return string(out)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
