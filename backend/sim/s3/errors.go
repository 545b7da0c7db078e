package s3

import (
	"fmt"
	"strconv"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/model"
)

// S3's errors, with the codes, statuses and wording real responses carry (reference
// s3.md §3) and the extra elements (BucketName, Key…) the SDKs and CLIs show.

func withExtra(e *protocol.Error, kv ...string) *protocol.Error {
	for i := 0; i+1 < len(kv); i += 2 {
		e.Extra = append(e.Extra, protocol.KV{Key: kv[i], Value: kv[i+1]})
	}
	return e
}

func errNoSuchBucket(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(404, "NoSuchBucket", "The specified bucket does not exist"), "BucketName", bucket)
}

func errNoSuchKey(key string) *protocol.Error {
	return withExtra(protocol.NewError(404, "NoSuchKey", "The specified key does not exist."), "Key", key)
}

func errInvalidBucketName(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(400, "InvalidBucketName", model.InvalidBucketNameMessage), "BucketName", bucket)
}

func errBucketAlreadyOwnedByYou(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(409, "BucketAlreadyOwnedByYou",
		"Your previous request to create the named bucket succeeded and you already own it."), "BucketName", bucket)
}

func errBucketNotEmpty(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty"), "BucketName", bucket)
}

func errNoSuchBucketPolicy(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(404, "NoSuchBucketPolicy", "The bucket policy does not exist"), "BucketName", bucket)
}

func errMalformedPolicy(msg string) *protocol.Error {
	return protocol.NewError(400, "MalformedPolicy", msg)
}

func errNoSuchTagSet(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(404, "NoSuchTagSet", "The TagSet does not exist"), "BucketName", bucket)
}

func errInvalidTag(msg string) *protocol.Error { return protocol.NewError(400, "InvalidTag", msg) }

func errNoSuchPublicAccessBlock(bucket string) *protocol.Error {
	return withExtra(protocol.NewError(404, "NoSuchPublicAccessBlockConfiguration",
		"The public access block configuration was not found"), "BucketName", bucket)
}

func errNoSuchUpload(uploadID string) *protocol.Error {
	return withExtra(protocol.NewError(404, "NoSuchUpload",
		"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
		"UploadId", uploadID)
}

func errInvalidArgument(msg, name, value string) *protocol.Error {
	return withExtra(protocol.NewError(400, "InvalidArgument", msg), "ArgumentName", name, "ArgumentValue", value)
}

func errInvalidRequest(msg string) *protocol.Error {
	return protocol.NewError(400, "InvalidRequest", msg)
}

func errMalformedXML() *protocol.Error {
	return protocol.NewError(400, "MalformedXML",
		"The XML you provided was not well-formed or did not validate against our published schema")
}

func errInvalidRange(requested string, size int64) *protocol.Error {
	return withExtra(protocol.NewError(416, "InvalidRange", "The requested range is not satisfiable"),
		"RangeRequested", requested, "ActualObjectSize", strconv.FormatInt(size, 10))
}

func errPreconditionFailed(condition string) *protocol.Error {
	return withExtra(protocol.NewError(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"),
		"Condition", condition)
}

func errInvalidLocationConstraint(lc string) *protocol.Error {
	return withExtra(protocol.NewError(400, "InvalidLocationConstraint", "The specified location-constraint is not valid"),
		"LocationConstraint", lc)
}

// errIllegalLocationConstraint is S3's answer to a CreateBucket whose
// LocationConstraint (or its absence, which means us-east-1) is not the Region the
// request was signed for.
func errIllegalLocationConstraint(lc string) *protocol.Error {
	what := lc
	if what == "" {
		what = "unspecified"
	}
	return protocol.NewError(400, "IllegalLocationConstraintException",
		fmt.Sprintf("The %s location constraint is incompatible for the region specific endpoint this request was sent to.", what))
}

func errEntityTooSmall(size, min int64) *protocol.Error {
	return withExtra(protocol.NewError(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size"),
		"ProposedSize", strconv.FormatInt(size, 10), "MinSizeAllowed", strconv.FormatInt(min, 10))
}

func errInvalidPart() *protocol.Error {
	return protocol.NewError(400, "InvalidPart",
		"One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.")
}

func errInvalidPartOrder() *protocol.Error {
	return protocol.NewError(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.")
}

func errBadDigest() *protocol.Error {
	return protocol.NewError(400, "BadDigest", "The Content-MD5 you specified did not match what we received.")
}

func errInvalidDigest() *protocol.Error {
	return protocol.NewError(400, "InvalidDigest", "The Content-MD5 you specified is not valid.")
}

func errInvalidStorageClass() *protocol.Error {
	return protocol.NewError(400, "InvalidStorageClass", "The storage class you specified is not valid")
}

func errMetadataTooLarge(size int) *protocol.Error {
	return withExtra(protocol.NewError(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size"),
		"Size", strconv.Itoa(size), "MaxSizeAllowed", strconv.Itoa(maxMetadataBytes))
}

func errNotImplemented() *protocol.Error {
	return protocol.NewError(501, "NotImplemented", "A header you provided implies functionality that is not implemented")
}
