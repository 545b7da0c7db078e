package iam

import (
	"database/sql"
	"errors"
	"unicode"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// IAM's aggregate inline policy size quotas, counted without whitespace.
const (
	MaxUserInlineSize  = 2048
	MaxGroupInlineSize = 5120
)

type putUserPolicyInput struct {
	UserName       string
	PolicyName     string
	PolicyDocument string
}

type userPolicyInput struct {
	UserName   string
	PolicyName string
}

type getUserPolicyOutput struct {
	UserName       string
	PolicyName     string
	PolicyDocument string
}

type listUserPoliciesInput struct {
	UserName string
	Marker   *string
	MaxItems *int
}

type putGroupPolicyInput struct {
	GroupName      string
	PolicyName     string
	PolicyDocument string
}

type groupPolicyInput struct {
	GroupName  string
	PolicyName string
}

type getGroupPolicyOutput struct {
	GroupName      string
	PolicyName     string
	PolicyDocument string
}

type listGroupPoliciesInput struct {
	GroupName string
	Marker    *string
	MaxItems  *int
}

type listPolicyNamesOutput struct {
	PolicyNames []string
	IsTruncated bool
	Marker      *string
}

// inlineOwner is the user or group an inline policy is embedded in.
type inlineOwner struct {
	kind     string // "user" / "group", as IAM's messages say
	id, name string
	table    string // iam_user_policies / iam_group_policies
	idColumn string
	maxSize  int
	resource string // AWS::IAM::User / AWS::IAM::Group
}

func inlineOfUser(u User) inlineOwner {
	return inlineOwner{kind: "user", id: u.UserId, name: u.UserName, table: "iam_user_policies", idColumn: "user_id", maxSize: MaxUserInlineSize, resource: "AWS::IAM::User"}
}

func inlineOfGroup(g Group) inlineOwner {
	return inlineOwner{kind: "group", id: g.GroupId, name: g.GroupName, table: "iam_group_policies", idColumn: "group_id", maxSize: MaxGroupInlineSize, resource: "AWS::IAM::Group"}
}

func validateInline(owner error, name, doc string, withDoc bool) error {
	var errs model.Errors
	errs.Add(owner)
	errs.Add(model.ValidatePolicyName(name))
	if withDoc {
		errs.Add(model.ValidatePolicyDocument(doc))
	}
	if err := errs.Err(); err != nil {
		return validationFrom(err)
	}
	return nil
}

// nonSpaceLen is how IAM measures policy size for its quotas.
func nonSpaceLen(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// put creates or replaces the inline policy after the policy engine accepts it; the
// owner's inline policies together must stay within IAM's size quota.
func (s *Service) putInline(c *service.Call, o inlineOwner, name, doc string) error {
	if _, err := malformedPolicy(doc); err != nil {
		return err
	}
	c.Record.Resources = []service.EventResource{{Type: o.resource, Name: o.name}}
	return s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT document FROM `+o.table+` WHERE `+o.idColumn+` = ? AND name <> ?`, o.id, name)
		if err != nil {
			return err
		}
		size := nonSpaceLen(doc)
		for rows.Next() {
			var other string
			if err := rows.Scan(&other); err != nil {
				rows.Close()
				return err
			}
			size += nonSpaceLen(other)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if size > o.maxSize {
			return protocol.Errorf(409, "LimitExceeded", "Maximum policy size of %d bytes exceeded for %s %s", o.maxSize, o.kind, o.name)
		}
		_, err = tx.Exec(`INSERT INTO `+o.table+`(`+o.idColumn+`, name, document) VALUES(?,?,?)
			ON CONFLICT(`+o.idColumn+`, name) DO UPDATE SET document = excluded.document`, o.id, name, doc)
		return err
	})
}

func (s *Service) getInline(c *service.Call, o inlineOwner, name string) (string, error) {
	var doc string
	err := s.db.SQL().QueryRowContext(c.Ctx, `SELECT document FROM `+o.table+` WHERE `+o.idColumn+` = ? AND name = ?`, o.id, name).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return "", noSuchInline(o.kind, name)
	}
	return doc, err
}

func (s *Service) deleteInline(c *service.Call, o inlineOwner, name string) error {
	c.Record.Resources = []service.EventResource{{Type: o.resource, Name: o.name}}
	res, err := s.db.SQL().ExecContext(c.Ctx, `DELETE FROM `+o.table+` WHERE `+o.idColumn+` = ? AND name = ?`, o.id, name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return noSuchInline(o.kind, name)
	}
	return nil
}

func (s *Service) listInline(c *service.Call, o inlineOwner, marker *string, maxItems *int) (*listPolicyNamesOutput, error) {
	p, err := parsePage(marker, maxItems)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT name FROM `+o.table+` WHERE `+o.idColumn+` = ? ORDER BY lower(name), name`, o.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	key := func(n string) string { return sortKey(n) + "\x00" + n }
	page, truncated, next := pageSlice(names, key, p)
	return &listPolicyNamesOutput{PolicyNames: append([]string{}, page...), IsTruncated: truncated, Marker: next}, nil
}

func (s *Service) putUserPolicy(c *service.Call, in *putUserPolicyInput) (*struct{}, error) {
	if err := validateInline(model.ValidateUserName(in.UserName), in.PolicyName, in.PolicyDocument, true); err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:PutUserPolicy", in.UserName)
	if err != nil {
		return nil, err
	}
	return nil, s.putInline(c, inlineOfUser(u), in.PolicyName, in.PolicyDocument)
}

func (s *Service) getUserPolicy(c *service.Call, in *userPolicyInput) (*getUserPolicyOutput, error) {
	if err := validateInline(model.ValidateUserName(in.UserName), in.PolicyName, "", false); err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:GetUserPolicy", in.UserName)
	if err != nil {
		return nil, err
	}
	doc, err := s.getInline(c, inlineOfUser(u), in.PolicyName)
	if err != nil {
		return nil, err
	}
	return &getUserPolicyOutput{UserName: u.UserName, PolicyName: in.PolicyName, PolicyDocument: encodeDocument(doc)}, nil
}

func (s *Service) deleteUserPolicy(c *service.Call, in *userPolicyInput) (*struct{}, error) {
	if err := validateInline(model.ValidateUserName(in.UserName), in.PolicyName, "", false); err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:DeleteUserPolicy", in.UserName)
	if err != nil {
		return nil, err
	}
	return nil, s.deleteInline(c, inlineOfUser(u), in.PolicyName)
}

func (s *Service) listUserPolicies(c *service.Call, in *listUserPoliciesInput) (*listPolicyNamesOutput, error) {
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:ListUserPolicies", in.UserName)
	if err != nil {
		return nil, err
	}
	return s.listInline(c, inlineOfUser(u), in.Marker, in.MaxItems)
}

func (s *Service) putGroupPolicy(c *service.Call, in *putGroupPolicyInput) (*struct{}, error) {
	if err := validateInline(model.ValidateGroupName(in.GroupName), in.PolicyName, in.PolicyDocument, true); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroup(c, "iam:PutGroupPolicy", in.GroupName)
	if err != nil {
		return nil, err
	}
	return nil, s.putInline(c, inlineOfGroup(g), in.PolicyName, in.PolicyDocument)
}

func (s *Service) getGroupPolicy(c *service.Call, in *groupPolicyInput) (*getGroupPolicyOutput, error) {
	if err := validateInline(model.ValidateGroupName(in.GroupName), in.PolicyName, "", false); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroup(c, "iam:GetGroupPolicy", in.GroupName)
	if err != nil {
		return nil, err
	}
	doc, err := s.getInline(c, inlineOfGroup(g), in.PolicyName)
	if err != nil {
		return nil, err
	}
	return &getGroupPolicyOutput{GroupName: g.GroupName, PolicyName: in.PolicyName, PolicyDocument: encodeDocument(doc)}, nil
}

func (s *Service) deleteGroupPolicy(c *service.Call, in *groupPolicyInput) (*struct{}, error) {
	if err := validateInline(model.ValidateGroupName(in.GroupName), in.PolicyName, "", false); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroup(c, "iam:DeleteGroupPolicy", in.GroupName)
	if err != nil {
		return nil, err
	}
	return nil, s.deleteInline(c, inlineOfGroup(g), in.PolicyName)
}

func (s *Service) listGroupPolicies(c *service.Call, in *listGroupPoliciesInput) (*listPolicyNamesOutput, error) {
	if err := model.ValidateGroupName(in.GroupName); err != nil {
		return nil, validationFrom(err)
	}
	g, err := s.authorizeGroup(c, "iam:ListGroupPolicies", in.GroupName)
	if err != nil {
		return nil, err
	}
	return s.listInline(c, inlineOfGroup(g), in.Marker, in.MaxItems)
}
