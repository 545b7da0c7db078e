package cloudtrail

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

// Tick implements the simulator's Ticker: for every logging trail it delivers the log
// files and digests that are due at now, catching up after a fast-forward. It is
// idempotent: progress is kept in each trail's state.
func (s *Service) Tick(ctx context.Context, now time.Time) error {
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	trails, err := s.all(ctx)
	if err != nil {
		return err
	}
	var first error
	for _, t := range trails {
		if !t.Logging {
			continue
		}
		if err := s.deliverDue(ctx, t, now); err != nil && first == nil {
			first = err
		}
		if t.Validation {
			if err := s.digestsDue(ctx, t, now); err != nil && first == nil {
				first = err
			}
		}
		if err := s.insightsDue(ctx, t, now); err != nil && first == nil {
			first = err
		}
		if err := s.save(ctx, t, time.Time{}); err != nil && first == nil {
			first = err
		}
	}
	if s.recorder != nil {
		if err := s.recorder.Prune(ctx, now); err != nil && first == nil {
			first = err
		}
	}
	if err := s.pruneInsights(ctx, now); err != nil && first == nil {
		first = err
	}
	return first
}

// deliverDue delivers every 5-minute window that has ended. Quiet stretches are
// skipped in one step, so a fast-forward of weeks costs as much as its activity.
func (s *Service) deliverDue(ctx context.Context, t *trailState, now time.Time) error {
	for !t.NextDelivery.After(now) {
		due := t.NextDelivery
		attempt := due
		t.LatestAttempt = &attempt
		if err := s.deliverWindow(ctx, t, t.DeliveredUntil, due, due); err != nil {
			t.DeliveryError = deliveryErrorCode(err)
			return nil // retried at the next tick; the events wait
		}
		t.DeliveryError = ""
		t.DeliveredUntil, t.NextDelivery = due, due.Add(deliveryInterval)
		if err := s.skipQuiet(ctx, t, now); err != nil {
			return err
		}
	}
	return nil
}

// skipQuiet moves the next delivery to the first 5-minute boundary after the next
// recorded event (or after now when there is none).
func (s *Service) skipQuiet(ctx context.Context, t *trailState, now time.Time) error {
	if t.NextDelivery.After(now) || s.recorder == nil {
		return nil
	}
	next, ok, err := s.recorder.Earliest(ctx, t.DeliveredUntil)
	if err != nil {
		return err
	}
	if !ok || next.After(now) {
		next = now
	}
	// Stay on the trail's 5-minute grid.
	if d := next.Sub(t.NextDelivery); d > deliveryInterval {
		steps := d / deliveryInterval
		t.DeliveredUntil = t.DeliveredUntil.Add(steps * deliveryInterval)
		t.NextDelivery = t.NextDelivery.Add(steps * deliveryInterval)
	}
	return nil
}

// finalDelivery delivers what is pending right away and, with validation on, a
// final digest: what AWS does when logging stops or the trail is deleted.
func (s *Service) finalDelivery(ctx context.Context, t *trailState, now time.Time) error {
	upto := now.Add(time.Millisecond)
	if err := s.deliverWindow(ctx, t, t.DeliveredUntil, upto, now); err != nil {
		t.DeliveryError = deliveryErrorCode(err)
	} else {
		t.LatestDelivery = &now
	}
	t.DeliveredUntil = upto
	if t.Validation {
		for _, region := range t.digestRegions() {
			if err := s.writeDigest(ctx, t, region, t.DigestFrom, now, upto); err != nil {
				t.DigestError = deliveryErrorCode(err)
				return nil
			}
		}
		t.DigestFrom = upto
		t.LatestDigest = &now
	}
	return nil
}

// deliverWindow writes the trail's events of [from, to) as one log file per region,
// delivered (named and dated) at `at`. A window without events writes nothing.
func (s *Service) deliverWindow(ctx context.Context, t *trailState, from, to, at time.Time) error {
	if s.recorder == nil {
		return nil
	}
	byRegion := map[string][]*trail.Event{}
	var all []*trail.Event
	err := s.recorder.Range(ctx, from, to, t.StartSeq, func(e *trail.Event) error {
		in := inputOf(e)
		if t.covers(e) && t.selects(&in) {
			byRegion[e.Region] = append(byRegion[e.Region], e)
			all = append(all, e)
		}
		return nil
	})
	if err != nil || len(byRegion) == 0 {
		return err
	}
	if at.Sub(t.LastACLCheck) >= time.Hour {
		// CloudTrail re-checks the bucket's ACL before delivering, about hourly; AWS
		// shows these calls in the trail's own logs. Only deliveries check, so a
		// quiet account stays quiet.
		s.recordACLCheck(t.Bucket, t.HomeRegion, at)
		t.LastACLCheck = at
	}
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	keys := make([]string, 0, len(regions))
	for _, region := range regions {
		key, err := s.writeLogFile(ctx, t, region, byRegion[region], at)
		if err != nil {
			return err
		}
		keys = append(keys, key)
	}
	t.LatestDelivery = &at
	if err := s.deliverCloudWatch(ctx, t, all, at); err != nil {
		return err
	}
	return s.notify(ctx, t, keys, at)
}

// writeLogFile writes bucket/[prefix/]AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/
// <acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz: gzip of
// {"Records":[…]}, written as CloudTrail's service principal.
func (s *Service) writeLogFile(ctx context.Context, t *trailState, region string, events []*trail.Event, at time.Time) (string, error) {
	size := 14
	for _, e := range events {
		size += len(e.Record) + 1
	}
	body := make([]byte, 0, size)
	body = append(body, `{"Records":[`...)
	for i, e := range events {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, e.Record...)
	}
	body = append(body, "]}"...)
	key := fmt.Sprintf("%sCloudTrail/%s/%s/%s_CloudTrail_%s_%s_%s.json.gz", logPrefix(t.Prefix, s.account), region,
		at.UTC().Format("2006/01/02"), s.account, region, at.UTC().Format("20060102T1504Z"), uniqueString())
	if err := s.put(ctx, t, key, body, nil, at); err != nil {
		return "", err
	}
	s.recordPut(t, key, len(body), at)
	if !t.Validation {
		return key, nil
	}
	sum := sha256.Sum256(body)
	oldest, newest := events[0].EventTime, events[0].EventTime
	for _, e := range events {
		if e.EventTime.Before(oldest) {
			oldest = e.EventTime
		}
		if e.EventTime.After(newest) {
			newest = e.EventTime
		}
	}
	t.addRegion(region)
	_, err := s.db.SQL().ExecContext(ctx, `INSERT INTO cloudtrail_log_files(arn, region, delivered, bucket, key, hash, oldest, newest)
		VALUES(?,?,?,?,?,?,?,?)`, t.ARN, region, at.UnixMilli(), t.Bucket, key, hex.EncodeToString(sum[:]), oldest.UnixMilli(), newest.UnixMilli())
	return key, err
}

// put writes one object of the trail after checking, as S3 would, that the bucket
// exists and its policy lets CloudTrail write the key.
func (s *Service) put(ctx context.Context, t *trailState, key string, body []byte, meta map[string]string, at time.Time) error {
	b := s.s3()
	if b == nil {
		return errNoSuchBucket
	}
	ok, err := b.BucketExists(ctx, t.Bucket)
	if err != nil {
		return err
	}
	if !ok {
		return errNoSuchBucket
	}
	sse, kmsKey, err := s.encryption(ctx, t)
	if err != nil {
		return err
	}
	doc, has, err := b.BucketPolicy(ctx, t.Bucket)
	if err != nil {
		return err
	}
	if !has || !s.allows(doc, "s3:PutObject", "arn:aws:s3:::"+t.Bucket+"/"+key, t.ARN, kmsKey, at) {
		return errAccessDenied
	}
	gz, err := gzipBytes(body)
	if err != nil {
		return err
	}
	if eb, ok := b.(EncryptedBuckets); ok && sse != "" {
		_, err = eb.PutObjectInternalSSE(ctx, t.Bucket, key, gz, "application/x-gzip", meta, sse, kmsKey, at)
		return err
	}
	_, err = b.PutObjectInternal(ctx, t.Bucket, key, gz, "application/x-gzip", meta, at)
	return err
}

// deliveryError is a failed delivery, named as GetTrailStatus reports it.
type deliveryError string

func (e deliveryError) Error() string { return string(e) }

const (
	errNoSuchBucket = deliveryError("NoSuchBucket")
	errAccessDenied = deliveryError("AccessDenied")
)

func deliveryErrorCode(err error) string {
	if de, ok := err.(deliveryError); ok {
		return string(de)
	}
	var pe *protocol.Error // S3 refusing the write, e.g. AccountProblem over a storage limit
	if errors.As(err, &pe) && pe.Code != "" {
		return pe.Code
	}
	return "InternalFailure"
}

// recordPut records CloudTrail's PutObject of a log file: a data event of the
// bucket, logged only by trails that select S3 data events.
func (s *Service) recordPut(t *trailState, key string, n int, at time.Time) {
	if s.recorder == nil {
		return
	}
	host := t.Bucket + ".s3." + t.HomeRegion + ".amazonaws.com"
	params := map[string]any{"bucketName": t.Bucket, "Host": host, "x-amz-acl": "bucket-owner-full-control",
		"x-amz-server-side-encryption": "AES256", "key": key}
	response := map[string]any{"x-amz-server-side-encryption": "AES256"}
	applied := "SSE_S3"
	if t.KMSKey != "" {
		params["x-amz-server-side-encryption"], params["x-amz-server-side-encryption-aws-kms-key-id"] = "aws:kms", t.KMSKey
		response["x-amz-server-side-encryption"], response["x-amz-server-side-encryption-aws-kms-key-id"] = "aws:kms", t.KMSKey
		applied = "SSE_KMS"
	}
	s.recorder.RecordServiceCall(trail.ServiceCall{
		Service: ServicePrincipal, EventSource: "s3.amazonaws.com", EventName: "PutObject", Region: t.HomeRegion, Time: at, DataEvent: true,
		RequestParameters: params,
		ResponseElements:  response,
		Resources: []trail.RecordRes{{ARN: "arn:aws:s3:::" + t.Bucket + "/" + key, Type: "AWS::S3::Object"},
			{ARN: "arn:aws:s3:::" + t.Bucket, AccountID: s.account, Type: "AWS::S3::Bucket"}},
		AdditionalData: map[string]any{"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": n,
			"SSEApplied": applied, "AuthenticationMethod": "AuthHeader", "bytesTransferredOut": 0},
	})
}

func (t *trailState) addRegion(region string) {
	for _, r := range t.Regions {
		if r == region {
			return
		}
	}
	t.Regions = append(t.Regions, region)
}

// gzipBytes compresses with the fastest level: delivery of a busy 5-minute window
// must stay well under its budget, and CloudTrail's files are read far less often
// than they are written.
func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/6 + 64)
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const uniqueAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// uniqueString is the file name's 16 characters that "have no meaning" but prevent
// overwrites.
func uniqueString() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = uniqueAlphabet[int(b[i])%len(uniqueAlphabet)]
	}
	return string(b[:])
}
