package auth

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"
)

// Flexible checksums (x-amz-checksum-<alg>) that clients send as aws-chunked
// trailers. S3 recomputes them over the decoded payload and answers BadDigest
// on a mismatch, so the simulator does the same.

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	// CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout
	// all ones, which is exactly what hash/crc64's Update does.
	nvme = crc64.MakeTable(0x9a6c9329ac4bc9b5)
)

// checksumAlgorithm describes one x-amz-checksum-* algorithm.
type checksumAlgorithm struct {
	display string // as S3 names it in BadDigest messages
	size    int    // raw digest length in bytes
	sum     func([]byte) []byte
}

var checksumAlgorithms = map[string]checksumAlgorithm{
	"crc32": {"CRC32", 4, func(b []byte) []byte {
		return binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b))
	}},
	"crc32c": {"CRC32C", 4, func(b []byte) []byte {
		return binary.BigEndian.AppendUint32(nil, crc32.Checksum(b, castagnoli))
	}},
	"crc64nvme": {"CRC64NVME", 8, func(b []byte) []byte {
		return binary.BigEndian.AppendUint64(nil, crc64.Checksum(b, nvme))
	}},
	"sha1": {"SHA1", sha1.Size, func(b []byte) []byte {
		s := sha1.Sum(b)
		return s[:]
	}},
	"sha256": {"SHA256", sha256.Size, func(b []byte) []byte {
		s := sha256.Sum256(b)
		return s[:]
	}},
}

// VerifyChecksumHeaders checks x-amz-checksum-* request headers, which SDKs
// send instead of trailers over plain HTTP, against the (decoded) payload and
// answers as S3 does: BadDigest on a mismatch, InvalidRequest on a value that is
// not a base64 digest of the right size. Unknown algorithms are ignored.
func VerifyChecksumHeaders(h http.Header, payload []byte) error {
	for k, vs := range h {
		if len(vs) == 0 {
			continue
		}
		if e := checkChecksum(strings.ToLower(k), vs[0], payload, "header"); e != nil {
			return e
		}
	}
	return nil
}

// checkTrailerChecksum verifies one trailer against payload when it is a
// known x-amz-checksum-* header; other trailers pass through.
func checkTrailerChecksum(name, value string, payload []byte) *Error {
	return checkChecksum(name, value, payload, "trailing header")
}

func checkChecksum(name, value string, payload []byte, where string) *Error {
	alg, ok := strings.CutPrefix(name, "x-amz-checksum-")
	if !ok {
		return nil
	}
	a, ok := checksumAlgorithms[alg]
	if !ok {
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(value)
	if err != nil || len(raw) != a.size {
		return errChecksumValue(name, where)
	}
	if string(a.sum(payload)) != string(raw) {
		return errBadDigest(a.display)
	}
	return nil
}
