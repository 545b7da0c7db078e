package cloudtrail

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// keyValidity is how long one digest-signing key is used before the next: AWS's
// published keys are valid for about 30 days (ListPublicKeys example).
const keyValidity = 30 * 24 * time.Hour

// signingKey is one region's digest-signing key pair. The public key is DER PKCS#1,
// which is what ListPublicKeys' Value carries and what `aws cloudtrail
// validate-logs` loads. The fingerprint is the hex MD5 of that DER: AWS does not
// document its computation, and any 32-hex value consistent between the digest and
// ListPublicKeys satisfies every validator.
type signingKey struct {
	region      string
	fingerprint string
	public      []byte
	private     *rsa.PrivateKey
	from, to    time.Time
}

// keyFor returns the region's key valid at `at`, creating (and persisting) the next
// one when none is. Keys are per region, as AWS signs each region's digests with
// that region's key.
func (s *Service) keyFor(ctx context.Context, region string, at time.Time) (*signingKey, error) {
	var pub, priv []byte
	var from, to int64
	err := s.db.SQL().QueryRowContext(ctx, `SELECT public_der, private_der, valid_from, valid_to FROM cloudtrail_keys
		WHERE region = ? AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC LIMIT 1`, region, at.UnixMilli(), at.UnixMilli()).Scan(&pub, &priv, &from, &to)
	if err == nil {
		return s.parseKey(region, pub, priv, from, to)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	start := at.Truncate(time.Hour)
	var last *int64
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT max(valid_to) FROM cloudtrail_keys WHERE region = ? AND valid_to <= ?`, region, at.UnixMilli()).Scan(&last); err != nil {
		return nil, err
	}
	if last != nil && at.Sub(time.UnixMilli(*last)) < keyValidity {
		start = time.UnixMilli(*last) // the next key follows the previous one
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	pub = x509.MarshalPKCS1PublicKey(&key.PublicKey)
	priv = x509.MarshalPKCS1PrivateKey(key)
	from, to = start.UnixMilli(), start.Add(keyValidity).UnixMilli()
	if _, err := s.db.SQL().ExecContext(ctx, `INSERT INTO cloudtrail_keys(region, fingerprint, public_der, private_der, valid_from, valid_to)
		VALUES(?,?,?,?,?,?)`, region, fingerprint(pub), pub, priv, from, to); err != nil {
		return nil, err
	}
	return s.parseKey(region, pub, priv, from, to)
}

func (s *Service) parseKey(region string, pub, priv []byte, from, to int64) (*signingKey, error) {
	id := region + "|" + fingerprint(pub)
	if k, ok := s.keys.Load(id); ok {
		return k.(*signingKey), nil
	}
	pk, err := x509.ParsePKCS1PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	k := &signingKey{region: region, fingerprint: fingerprint(pub), public: pub, private: pk,
		from: time.UnixMilli(from).UTC(), to: time.UnixMilli(to).UTC()}
	s.keys.Store(id, k)
	return k, nil
}

func fingerprint(der []byte) string {
	sum := md5.Sum(der)
	return hex.EncodeToString(sum[:])
}

func (s *Service) listPublicKeys(c *service.Call, in *listPublicKeysInput) (*listPublicKeysOutput, error) {
	start, end := c.Now, c.Now
	if in.StartTime != nil {
		start = *in.StartTime
	}
	if in.EndTime != nil {
		end = *in.EndTime
	}
	if start.After(end) {
		return nil, errorf("InvalidTimeRangeException", "Start time must be before end time.")
	}
	fp := pageFingerprint("ListPublicKeys", c.Region, timeParam(in.StartTime), timeParam(in.EndTime))
	first, ok := pageStart(in.NextToken, fp)
	if !ok {
		return nil, invalidToken()
	}
	if err := c.Authorize("cloudtrail:ListPublicKeys", ""); err != nil {
		return nil, err
	}
	// The current key always exists, as on AWS.
	if _, err := s.keyFor(c.Ctx, c.Region, c.Now); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT public_der, fingerprint, valid_from, valid_to FROM cloudtrail_keys
		WHERE region = ? AND valid_from <= ? AND valid_to >= ? ORDER BY valid_from DESC`, c.Region, end.UnixMilli(), start.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listPublicKeysOutput{PublicKeyList: []publicKey{}}
	for rows.Next() {
		var k publicKey
		var from, to int64
		if err := rows.Scan(&k.Value, &k.Fingerprint, &from, &to); err != nil {
			return nil, err
		}
		k.ValidityStartTime, k.ValidityEndTime = time.UnixMilli(from).UTC(), time.UnixMilli(to).UTC()
		out.PublicKeyList = append(out.PublicKeyList, k)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out.PublicKeyList, out.NextToken = page(out.PublicKeyList, first, listPublicKeysPageSize, fp)
	return out, nil
}

func timeParam(t *time.Time) string {
	if t == nil {
		return ""
	}
	return strconv.FormatInt(t.UnixMilli(), 10)
}
