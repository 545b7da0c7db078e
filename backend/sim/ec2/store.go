package ec2

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// Resource kinds in ec2_resources.
const (
	kindVpc      = "vpc"
	kindSubnet   = "subnet"
	kindIGW      = "internet-gateway"
	kindSG       = "security-group"
	kindInstance = "instance"
)

// put inserts or replaces the document of resource id.
func (s *Service) put(ctx context.Context, kind, id string, doc any) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	_, err = s.db.SQL().ExecContext(ctx,
		`INSERT INTO ec2_resources(id, kind, doc) VALUES(?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`, id, kind, string(b))
	return err
}

// get reads resource id of kind into doc; false when there is none.
func (s *Service) get(ctx context.Context, kind, id string, doc any) (bool, error) {
	var text string
	err := s.db.SQL().QueryRowContext(ctx, `SELECT doc FROM ec2_resources WHERE id = ? AND kind = ?`, id, kind).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(text), doc)
}

// list returns every resource of kind, oldest first.
func list[T any](ctx context.Context, s *Service, kind string) ([]T, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT doc FROM ec2_resources WHERE kind = ? ORDER BY seq`, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// kindOf names the kind of a resource ID by its prefix.
func kindOf(id string) string {
	switch {
	case hasPrefix(id, "vpc-"):
		return kindVpc
	case hasPrefix(id, "subnet-"):
		return kindSubnet
	case hasPrefix(id, "igw-"):
		return kindIGW
	case hasPrefix(id, "sg-"):
		return kindSG
	case hasPrefix(id, "i-"):
		return kindInstance
	}
	return ""
}

func hasPrefix(s, p string) bool { return len(s) > len(p) && s[:len(p)] == p }
