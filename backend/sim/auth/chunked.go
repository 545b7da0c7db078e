package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
)

// x-amz-content-sha256 values that change how the payload is hashed or framed.
const (
	unsignedPayload          = "UNSIGNED-PAYLOAD"
	streamingSigned          = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	streamingSignedTrailer   = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	streamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
)

const chunkSigPrefix = "chunk-signature="

// DecodeChunked decodes an aws-chunked body (Content-Encoding: aws-chunked)
// so S3 PutObject/UploadPart from the CLI and SDKs store the real bytes. The
// framing depends on sig.PayloadHash:
//
//   - STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]: "<hex>;chunk-signature=<sig>\r\n<data>\r\n",
//     each signature chaining from the previous one, starting at seedSignature
//     (Signature.SeedSignature); the -TRAILER form ends with signed trailers.
//   - STREAMING-UNSIGNED-PAYLOAD-TRAILER: "<hex>\r\n<data>\r\n" then unsigned trailers.
//
// Trailing x-amz-checksum-* values are checked against the decoded payload.
// Any other payload hash means the body is not aws-chunked and is returned
// unchanged. The error, when non-nil, is an S3-family *Error.
func DecodeChunked(body []byte, sig *Signature, secret string, seedSignature string) (payload []byte, trailers http.Header, err error) {
	p, t, e := decodeChunked(body, sig, secret, seedSignature)
	if e != nil {
		return nil, nil, e
	}
	return p, t, nil
}

type chunkReader struct {
	b []byte
}

// line returns the next CRLF-terminated line without its CRLF.
func (c *chunkReader) line() (string, bool) {
	i := bytes.Index(c.b, []byte("\r\n"))
	if i < 0 {
		return "", false
	}
	l := string(c.b[:i])
	c.b = c.b[i+2:]
	return l, true
}

func (c *chunkReader) take(n uint64) ([]byte, bool) {
	if n > uint64(len(c.b)) || uint64(len(c.b))-n < 2 || c.b[n] != '\r' || c.b[n+1] != '\n' {
		return nil, false
	}
	d := c.b[:n]
	c.b = c.b[n+2:]
	return d, true
}

// chunkSigner computes the chained chunk and trailer signatures.
type chunkSigner struct {
	key  []byte
	head string // "\n<date>\n<scope>\n"
	prev string
}

func (s *chunkSigner) next(kind string, hashes ...string) string {
	sts := kind + s.head + s.prev + "\n" + strings.Join(hashes, "\n")
	mac := hmacSHA256(s.key, sts)
	return hex.EncodeToString(mac)
}

func decodeChunked(body []byte, sig *Signature, secret, seed string) ([]byte, http.Header, *Error) {
	mode := sig.PayloadHash
	signed := mode == streamingSigned || mode == streamingSignedTrailer
	if !signed && mode != streamingUnsignedTrailer {
		return body, nil, nil
	}
	var cs *chunkSigner
	if signed {
		sc := scope{sig.AccessKeyID, sig.Date.UTC().Format("20060102"), sig.Region, sig.Service, "aws4_request"}
		date := sig.amzDate
		if date == "" {
			date = sig.Date.UTC().Format(isoBasic)
		}
		cs = &chunkSigner{key: signingKey(secret, sc), head: "\n" + date + "\n" + sc.String() + "\n", prev: seed}
	}
	capHint := len(body)
	if sig.DecodedContentLength >= 0 && sig.DecodedContentLength < int64(len(body)) {
		capHint = int(sig.DecodedContentLength)
	}
	payload := make([]byte, 0, capHint)
	r := chunkReader{b: body}
	for {
		line, ok := r.line()
		if !ok {
			return nil, nil, errIncompleteBody()
		}
		sizeText, ext, _ := strings.Cut(line, ";")
		size, err := strconv.ParseUint(sizeText, 16, 63)
		if err != nil || sizeText == "" {
			return nil, nil, errIncompleteBody()
		}
		var provided string
		if signed {
			provided, ok = strings.CutPrefix(ext, chunkSigPrefix)
			if !ok || len(provided) != 64 {
				return nil, nil, errIncompleteBody()
			}
		}
		var data []byte
		if size > 0 {
			if data, ok = r.take(size); !ok {
				return nil, nil, errIncompleteBody()
			}
		}
		if signed {
			sum := sha256.Sum256(data)
			want := cs.next("AWS4-HMAC-SHA256-PAYLOAD", emptySHA256, hex.EncodeToString(sum[:]))
			if want != provided {
				return nil, nil, errChunkSignature()
			}
			cs.prev = want
		}
		if size == 0 {
			break
		}
		payload = append(payload, data...)
	}
	trailers, err := readTrailers(&r, cs, mode == streamingSignedTrailer)
	if err != nil {
		return nil, nil, err
	}
	if len(r.b) != 0 {
		return nil, nil, errIncompleteBody()
	}
	if sig.DecodedContentLength >= 0 && sig.DecodedContentLength != int64(len(payload)) {
		return nil, nil, errIncompleteBody()
	}
	for _, name := range sig.Trailers {
		if trailers.Get(name) == "" {
			return nil, nil, errMalformedTrailer()
		}
	}
	for name, vals := range trailers {
		if e := checkTrailerChecksum(strings.ToLower(name), vals[0], payload); e != nil {
			return nil, nil, e
		}
	}
	return payload, trailers, nil
}

// readTrailers reads "name:value" lines up to the blank line that ends the
// body, verifying x-amz-trailer-signature when the trailers are signed.
func readTrailers(r *chunkReader, cs *chunkSigner, signedTrailer bool) (http.Header, *Error) {
	trailers := http.Header{}
	var canonical strings.Builder
	var trailerSig string
	for {
		line, ok := r.line()
		if !ok {
			return nil, errIncompleteBody()
		}
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, errMalformedTrailer()
		}
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		if name == "x-amz-trailer-signature" {
			trailerSig = value
			continue
		}
		canonical.WriteString(name + ":" + value + "\n")
		trailers.Add(name, value)
	}
	if !signedTrailer {
		if trailerSig != "" {
			return nil, errMalformedTrailer()
		}
		return trailers, nil
	}
	if trailerSig == "" {
		return nil, errMalformedTrailer()
	}
	sum := sha256.Sum256([]byte(canonical.String()))
	if cs.next("AWS4-HMAC-SHA256-TRAILER", hex.EncodeToString(sum[:])) != trailerSig {
		return nil, errChunkSignature()
	}
	return trailers, nil
}
