package trailvalidate

import (
	"bytes"
	"compress/gzip"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"time"
)

// digest is the part of a digest file validation reads.
type digest struct {
	DigestStartTime            string    `json:"digestStartTime"`
	DigestEndTime              string    `json:"digestEndTime"`
	DigestS3Bucket             string    `json:"digestS3Bucket"`
	DigestS3Object             string    `json:"digestS3Object"`
	DigestPublicKeyFingerprint string    `json:"digestPublicKeyFingerprint"`
	PreviousDigestS3Bucket     *string   `json:"previousDigestS3Bucket"`
	PreviousDigestS3Object     *string   `json:"previousDigestS3Object"`
	PreviousDigestHashValue    *string   `json:"previousDigestHashValue"`
	PreviousDigestSignature    *string   `json:"previousDigestSignature"`
	LogFiles                   []logFile `json:"logFiles"`

	start, end time.Time
	hash       string // hex SHA-256 of the uncompressed digest
}

type logFile struct {
	S3Bucket  string `json:"s3Bucket"`
	S3Object  string `json:"s3Object"`
	HashValue string `json:"hashValue"`
}

// requiredDigestKeys must be present before the digest is believed (the CLI's list).
var requiredDigestKeys = []string{"digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "previousDigestSignature", "digestEndTime", "digestStartTime"}

// loadDigest fetches and verifies one digest; problem is "" when it is valid, else
// worded as `aws cloudtrail validate-logs` words it.
func (v *validator) loadDigest(bucket, key string) (*digest, string) {
	obj, err := v.src.Get(v.ctx, bucket, key)
	if errors.Is(err, ErrNotFound) {
		return nil, "not found"
	}
	if err != nil {
		return nil, err.Error()
	}
	raw, err := gunzip(obj.Body)
	if err != nil {
		return nil, "invalid format"
	}
	var present map[string]json.RawMessage
	d := &digest{}
	if json.Unmarshal(raw, &present) != nil || json.Unmarshal(raw, d) != nil {
		return nil, "invalid format"
	}
	for _, k := range requiredDigestKeys {
		if _, ok := present[k]; !ok {
			return nil, "invalid format"
		}
	}
	sig, algo := obj.Metadata["signature"], obj.Metadata["signature-algorithm"]
	if sig == "" || algo == "" {
		return nil, "signature verification failed"
	}
	if d.DigestS3Bucket != bucket || d.DigestS3Object != key {
		return nil, "has been moved from its original location"
	}
	der, ok := v.keys[d.DigestPublicKeyFingerprint]
	if !ok {
		return nil, "public key not found in region " + v.ref.Region + " for fingerprint " + d.DigestPublicKeyFingerprint
	}
	pub, err := x509.ParsePKCS1PublicKey(der)
	if err != nil {
		return nil, "Unable to load PKCS #1 key with fingerprint " + d.DigestPublicKeyFingerprint
	}
	sum := sha256.Sum256(raw)
	d.hash = hex.EncodeToString(sum[:])
	prev := "null"
	if d.PreviousDigestSignature != nil {
		prev = *d.PreviousDigestSignature
	}
	toSign := d.DigestEndTime + "\n" + d.DigestS3Bucket + "/" + d.DigestS3Object + "\n" + d.hash + "\n" + prev
	signed := sha256.Sum256([]byte(toSign))
	sigBytes, err := hex.DecodeString(sig)
	if err != nil || rsa.VerifyPKCS1v15(pub, crypto.SHA256, signed[:], sigBytes) != nil {
		return nil, "signature verification failed"
	}
	if d.start, err = time.Parse(time.RFC3339, d.DigestStartTime); err != nil {
		return nil, "invalid format"
	}
	if d.end, err = time.Parse(time.RFC3339, d.DigestEndTime); err != nil {
		return nil, "invalid format"
	}
	return d, ""
}

// checkLog downloads a log file a valid digest lists and compares the SHA-256 of its
// uncompressed content with the digest's.
func (v *validator) checkLog(lf logFile) {
	v.listed[lf.S3Bucket+"/"+lf.S3Object] = true
	r := FileResult{Kind: LogFile, Bucket: lf.S3Bucket, Key: lf.S3Object}
	obj, err := v.src.Get(v.ctx, lf.S3Bucket, lf.S3Object)
	switch {
	case errors.Is(err, ErrNotFound):
		r.Problem = "not found"
	case err != nil:
		r.Problem = err.Error()
	default:
		raw, err := gunzip(obj.Body)
		if err != nil {
			r.Problem = "invalid format"
			break
		}
		sum := sha256.Sum256(raw)
		if hex.EncodeToString(sum[:]) != lf.HashValue {
			r.Problem = "hash value doesn't match"
		}
	}
	v.report(r)
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
