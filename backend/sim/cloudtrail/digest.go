package cloudtrail

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// digestLink is the last digest of a region: the next digest names it and carries
// its hash and signature, which chains the digests.
type digestLink struct {
	Bucket    string
	Key       string
	Hash      string // hex SHA-256 of the uncompressed digest
	Signature string // hex
}

// digestFile is the digest's JSON with the members in the order of AWS's example;
// the previous* members and the event times are null when absent.
type digestFile struct {
	AWSAccountID                string        `json:"awsAccountId"`
	DigestStartTime             string        `json:"digestStartTime"`
	DigestEndTime               string        `json:"digestEndTime"`
	DigestS3Bucket              string        `json:"digestS3Bucket"`
	DigestS3Object              string        `json:"digestS3Object"`
	DigestPublicKeyFingerprint  string        `json:"digestPublicKeyFingerprint"`
	DigestSignatureAlgorithm    string        `json:"digestSignatureAlgorithm"`
	NewestEventTime             *string       `json:"newestEventTime"`
	OldestEventTime             *string       `json:"oldestEventTime"`
	PreviousDigestS3Bucket      *string       `json:"previousDigestS3Bucket"`
	PreviousDigestS3Object      *string       `json:"previousDigestS3Object"`
	PreviousDigestHashValue     *string       `json:"previousDigestHashValue"`
	PreviousDigestHashAlgorithm *string       `json:"previousDigestHashAlgorithm"`
	PreviousDigestSignature     *string       `json:"previousDigestSignature"`
	LogFiles                    []digestEntry `json:"logFiles"`
}

type digestEntry struct {
	S3Bucket        string `json:"s3Bucket"`
	S3Object        string `json:"s3Object"`
	HashValue       string `json:"hashValue"`
	HashAlgorithm   string `json:"hashAlgorithm"`
	NewestEventTime string `json:"newestEventTime"`
	OldestEventTime string `json:"oldestEventTime"`
}

const signatureAlgorithm = "SHA256withRSA"

func isoSeconds(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// digestsDue writes the hourly digests that have ended, one per region the trail
// covers, even for hours without log files ("a digest is still delivered").
func (s *Service) digestsDue(ctx context.Context, t *trailState, now time.Time) error {
	if t.NextDigest.IsZero() {
		t.startDigests(now)
	}
	for !t.NextDigest.After(now) {
		end := t.NextDigest
		for _, region := range t.digestRegions() {
			if err := s.writeDigest(ctx, t, region, t.DigestFrom, end, end); err != nil {
				t.DigestError = deliveryErrorCode(err)
				return nil // retried at the next tick
			}
		}
		t.DigestError = ""
		t.LatestDigest = &end
		t.DigestFrom, t.NextDigest = end, end.Add(digestInterval)
	}
	return nil
}

// digestRegions are the regions that get digests: the home region and every region
// the trail has delivered log files for.
func (t *trailState) digestRegions() []string {
	out := []string{t.HomeRegion}
	for _, r := range t.Regions {
		if r != t.HomeRegion {
			out = append(out, r)
		}
	}
	return out
}

// writeDigest writes the digest of the region's log files delivered in [from, upto)
// under bucket/[prefix/]AWSLogs/<acct>/CloudTrail-Digest/<region>/YYYY/MM/DD/
// <acct>_CloudTrail-Digest_<region>_<trail>_<home region>_<YYYYMMDDTHHmmssZ>.json.gz,
// signed with the region's key: SHA256withRSA over
// "<digestEndTime>\n<bucket>/<key>\n<hex sha256(digest)>\n<previous signature|null>",
// the signature in the object's x-amz-meta-signature metadata.
func (s *Service) writeDigest(ctx context.Context, t *trailState, region string, from, end, upto time.Time) error {
	key, err := s.keyFor(ctx, region, end)
	if err != nil {
		return err
	}
	objKey := fmt.Sprintf("%sCloudTrail-Digest/%s/%s/%s_CloudTrail-Digest_%s_%s_%s_%s.json.gz", logPrefix(t.Prefix, s.account), region,
		end.UTC().Format("2006/01/02"), s.account, region, t.Name, t.HomeRegion, end.UTC().Format("20060102T150405Z"))
	d := digestFile{
		AWSAccountID: s.account, DigestStartTime: isoSeconds(from), DigestEndTime: isoSeconds(end),
		DigestS3Bucket: t.Bucket, DigestS3Object: objKey, DigestPublicKeyFingerprint: key.fingerprint,
		DigestSignatureAlgorithm: signatureAlgorithm, LogFiles: []digestEntry{},
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT bucket, key, hash, oldest, newest FROM cloudtrail_log_files
		WHERE arn = ? AND region = ? AND delivered >= ? AND delivered < ? ORDER BY delivered, key`, t.ARN, region, from.UnixMilli(), upto.UnixMilli())
	if err != nil {
		return err
	}
	var oldest, newest int64
	for rows.Next() {
		var e digestEntry
		var o, n int64
		if err := rows.Scan(&e.S3Bucket, &e.S3Object, &e.HashValue, &o, &n); err != nil {
			rows.Close()
			return err
		}
		e.HashAlgorithm = "SHA-256"
		e.OldestEventTime, e.NewestEventTime = isoSeconds(time.UnixMilli(o)), isoSeconds(time.UnixMilli(n))
		if len(d.LogFiles) == 0 || o < oldest {
			oldest = o
		}
		if len(d.LogFiles) == 0 || n > newest {
			newest = n
		}
		d.LogFiles = append(d.LogFiles, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(d.LogFiles) > 0 {
		d.OldestEventTime, d.NewestEventTime = str(isoSeconds(time.UnixMilli(oldest))), str(isoSeconds(time.UnixMilli(newest)))
	}
	prev := "null"
	if link := t.Chains[region]; link != nil {
		d.PreviousDigestS3Bucket, d.PreviousDigestS3Object = str(link.Bucket), str(link.Key)
		d.PreviousDigestHashValue, d.PreviousDigestHashAlgorithm = str(link.Hash), str("SHA-256")
		d.PreviousDigestSignature = str(link.Signature)
		prev = link.Signature
	}
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	toSign := d.DigestEndTime + "\n" + t.Bucket + "/" + objKey + "\n" + hex.EncodeToString(sum[:]) + "\n" + prev
	signed := sha256.Sum256([]byte(toSign))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key.private, crypto.SHA256, signed[:])
	if err != nil {
		return err
	}
	meta := map[string]string{"signature": hex.EncodeToString(sig), "signature-algorithm": signatureAlgorithm}
	if err := s.put(ctx, t, objKey, body, meta, end); err != nil {
		return err
	}
	s.recordPut(t, objKey, len(body), end)
	if t.Chains == nil {
		t.Chains = map[string]*digestLink{}
	}
	t.Chains[region] = &digestLink{Bucket: t.Bucket, Key: objKey, Hash: hex.EncodeToString(sum[:]), Signature: meta["signature"]}
	_, err = s.db.SQL().ExecContext(ctx, `DELETE FROM cloudtrail_log_files WHERE arn = ? AND region = ? AND delivered < ?`, t.ARN, region, upto.UnixMilli())
	return err
}
