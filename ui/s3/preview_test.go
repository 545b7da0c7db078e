package s3

import (
	"testing"

	"github.com/labconsole/labconsole/model"
)

func TestDecodePreview(t *testing.T) {
	data := func(body []byte) model.ObjectData { return model.ObjectData{Body: body} }
	cases := []struct {
		name    string
		key     string
		data    model.ObjectData
		kind    previewKind
		trail   bool
		records int
		invalid bool
	}{
		{"gzipped CloudTrail log", labLog, data(gz(t, []byte(trailLog))), previewJSON, true, 3, false},
		{"plain JSON log", "log.json", data([]byte(trailLog)), previewJSON, true, 3, false},
		{"gzip found by its magic bytes", "noext", data(gz(t, []byte(`{"a":1}`))), previewJSON, false, 0, false},
		{"digest file is JSON without records", "digest.json.gz", data(gz(t, []byte(`{"awsAccountId":"123456789012","logFiles":[]}`))), previewJSON, false, 0, false},
		{"empty Records", "e.json", data([]byte(`{"Records":[]}`)), previewJSON, true, 0, false},
		{"corrupt gzip", labLog, data([]byte("this is not gzip at all")), previewBadGzip, false, 0, false},
		{"truncated gzip", labLog, data(gz(t, []byte(trailLog))[:40]), previewBadGzip, false, 0, false},
		{"invalid JSON", "bad.json", data([]byte(`{"Records":[`)), previewJSON, false, 0, true},
		{"read capped", "big.json", model.ObjectData{Body: []byte("{"), Truncated: true}, previewTooLarge, false, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := decodePreview(c.key, c.data)
			if p.kind != c.kind || p.trail != c.trail || len(p.records) != c.records {
				t.Fatalf("kind=%d trail=%v records=%d, want %d %v %d (err %v)", p.kind, p.trail, len(p.records), c.kind, c.trail, c.records, p.err)
			}
			if c.kind == previewJSON && (p.doc.Err != nil) != c.invalid {
				t.Fatalf("doc error %v, want invalid=%v", p.doc.Err, c.invalid)
			}
			if c.kind == previewBadGzip && p.err == nil {
				t.Fatal("a bad gzip must carry the decompressor's error")
			}
		})
	}
}

func TestRecordColumns(t *testing.T) {
	recs, ok := trailRecords([]byte(trailLog))
	if !ok || len(recs) != 3 {
		t.Fatalf("records %v %v", recs, ok)
	}
	want := []record{
		{Time: "2026-11-22T09:31:07Z", Name: "CreateBucket", User: "lab-user", IP: "121.136.18.98", Source: "s3.amazonaws.com"},
		{Time: "2026-11-22T09:31:08Z", Name: "GetBucketAcl", User: "cloudtrail.amazonaws.com", IP: "cloudtrail.amazonaws.com", Source: "s3.amazonaws.com"},
		{Time: "2026-11-22T09:32:00Z", Name: "ConsoleLogin", User: "Root", IP: "192.0.2.0", Source: "signin.amazonaws.com"},
	}
	for i, w := range want {
		got := recs[i]
		got.Raw = nil
		if got.Time != w.Time || got.Name != w.Name || got.User != w.User || got.IP != w.IP || got.Source != w.Source {
			t.Errorf("record %d = %+v, want %+v", i, got, w)
		}
		if len(recs[i].Raw) == 0 {
			t.Errorf("record %d lost its JSON", i)
		}
	}
}

func TestGunzipCap(t *testing.T) {
	big := make([]byte, 4096)
	if _, err := gunzip(gz(t, big), 1024); err != errTooLarge {
		t.Fatalf("over the cap: %v", err)
	}
	if out, err := gunzip(gz(t, big), 4096); err != nil || len(out) != 4096 {
		t.Fatalf("at the cap: %d %v", len(out), err)
	}
}
