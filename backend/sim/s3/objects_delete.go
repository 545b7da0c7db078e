package s3

import (
	"database/sql"
	"encoding/xml"
	"errors"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// maxDeleteObjects is DeleteObjects' limit of keys per request.
const maxDeleteObjects = 1000

// deleteObject removes a key; as in S3 it answers 204 whether or not the key existed.
func (s *Service) deleteObject(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, t.key, true, nil)
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:DeleteObject"); err != nil {
		return nil, err
	}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		_, err := removeObject(c.Ctx, tx, t.bucket, t.key)
		return err
	})
	if err != nil {
		return nil, err
	}
	return noContent(), nil
}

type deleteRequest struct {
	Quiet   bool             `xml:"Quiet"`
	Objects []objectToDelete `xml:"Object"`
}

type objectToDelete struct {
	Key       string `xml:"Key"`
	VersionID string `xml:"VersionId"`
}

type deleteResult struct {
	XMLName xml.Name       `xml:"http://s3.amazonaws.com/doc/2006-03-01/ DeleteResult"`
	Deleted []deletedEntry `xml:"Deleted"`
	Errors  []deleteError  `xml:"Error"`
}

type deletedEntry struct {
	Key string `xml:"Key"`
}

type deleteError struct {
	Key     string `xml:"Key"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// deleteObjects is the multi-object delete (POST /bucket?delete). Each key is
// authorized on its own, as S3 does: a key the caller may not delete is reported in
// the result's Error list while the others are deleted. Quiet mode reports only
// errors.
func (s *Service) deleteObjects(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", true, map[string]any{"delete": ""})
	var in deleteRequest
	if err := c.Req.Decode(&in); err != nil {
		return nil, err
	}
	if len(in.Objects) == 0 || len(in.Objects) > maxDeleteObjects {
		return nil, errMalformedXML()
	}
	if err := checkUpload(c); err != nil {
		return nil, err
	}
	b, ok, err := loadBucket(c.Ctx, s.db.SQL(), t.bucket)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoSuchBucket(t.bucket)
	}
	out := &deleteResult{}
	var allowed []string
	for _, o := range in.Objects {
		if err := s.authorizeKey(c, b, o.Key, "s3:DeleteObject"); err != nil {
			var pe *protocol.Error
			if !errors.As(err, &pe) {
				return nil, err
			}
			out.Errors = append(out.Errors, deleteError{Key: o.Key, Code: pe.Code, Message: pe.Message})
			continue
		}
		allowed = append(allowed, o.Key)
	}
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, key := range allowed {
			if _, err := removeObject(c.Ctx, tx, t.bucket, key); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !in.Quiet {
		for _, key := range allowed {
			out.Deleted = append(out.Deleted, deletedEntry{Key: key})
		}
	}
	return xmlResponse(out), nil
}
