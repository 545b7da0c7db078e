package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// emptySHA256 is hex(sha256("")), the payload hash of an empty body.
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// keyCache memoises derived signing keys: the four-HMAC derivation costs about
// as much as the rest of a small request's verification, and a key is valid for
// a whole day, so a long-running simulator re-derives almost nothing.
var keyCache = struct {
	sync.Mutex
	m map[keyCacheID][]byte
}{m: make(map[keyCacheID][]byte)}

type keyCacheID struct{ secret, date, region, service string }

const keyCacheMax = 1024

// signingKey derives kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
func signingKey(secret string, sc scope) []byte {
	id := keyCacheID{secret, sc.date, sc.region, sc.service}
	keyCache.Lock()
	k, ok := keyCache.m[id]
	keyCache.Unlock()
	if ok {
		return k
	}
	k = hmacSHA256([]byte("AWS4"+secret), sc.date)
	k = hmacSHA256(k, sc.region)
	k = hmacSHA256(k, sc.service)
	k = hmacSHA256(k, "aws4_request")
	keyCache.Lock()
	if len(keyCache.m) >= keyCacheMax {
		clear(keyCache.m)
	}
	keyCache.m[id] = k
	keyCache.Unlock()
	return k
}

// stringToSign builds the SigV4 string to sign for a canonical request.
func stringToSign(amzDate string, sc scope, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	b := make([]byte, 0, len(algorithm)+len(amzDate)+len(sc.date)+len(sc.region)+len(sc.service)+len(sc.terminator)+64+8)
	b = append(b, algorithm...)
	b = append(b, '\n')
	b = append(b, amzDate...)
	b = append(b, '\n')
	b = append(b, sc.String()...)
	b = append(b, '\n')
	b = hex.AppendEncode(b, sum[:])
	return string(b)
}

// signatureMatches compares hex signatures in constant time.
func signatureMatches(key []byte, sts, provided string) bool {
	mac := hmacSHA256(key, sts)
	want := make([]byte, hex.EncodedLen(len(mac)))
	hex.Encode(want, mac)
	return hmac.Equal(want, []byte(provided))
}
