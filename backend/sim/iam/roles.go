package iam

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// IAM's role quotas and limits (IAM API model and "IAM and AWS STS quotas").
const (
	MaxRoles              = 1000  // RolesPerAccount
	MaxRoleNameLen        = 64    // roleNameType
	MaxTrustPolicySize    = 2048  // ACLSizePerRole, counted without whitespace
	MaxRoleInlineSize     = 10240 // RolePolicySize, all inline policies of a role
	MaxPoliciesPerRole    = 10    // managed policies attached to one role
	MinMaxSessionDuration = 3600
	MaxMaxSessionDuration = 43200
	maxRoleDescriptionLen = 1000
)

// pathPrefixPattern is pathPrefixType: "/" then printable ASCII, at most 512
// characters; unlike a path it need not end in "/".
var pathPrefixPattern = regexp.MustCompile(`^/[\x{21}-\x{7F}]{0,511}$`)

// roleDescriptionChars is roleDescriptionType's pattern.
var roleDescriptionChars = regexp.MustCompile(`^[\x{09}\x{0A}\x{0D}\x{20}-\x{7E}\x{A1}-\x{FF}]*$`)

// Role is IAM's Role shape. AssumeRolePolicyDocument is URL-encoded on the wire, as
// IAM sends every policy document.
type Role struct {
	Path                     string
	RoleName                 string
	RoleId                   string
	Arn                      string
	CreateDate               time.Time
	AssumeRolePolicyDocument *string
	Description              *string
	MaxSessionDuration       *int
	Tags                     []Tag
}

type createRoleInput struct {
	Path                     *string
	RoleName                 string
	AssumeRolePolicyDocument *string
	Description              *string
	MaxSessionDuration       *int
	PermissionsBoundary      *string
	Tags                     []Tag
}

type roleOutput struct{ Role *Role }

type roleNameInput struct{ RoleName string }

type listRolesInput struct {
	PathPrefix *string
	Marker     *string
	MaxItems   *int
}

type listRolesOutput struct {
	Roles       []Role
	IsTruncated bool
	Marker      *string
}

type updateAssumeRolePolicyInput struct {
	RoleName       string
	PolicyDocument *string
}

func noSuchRole(name string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "The role with name %s cannot be found.", name)
}

func (s *Service) roleArn(path, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:role%s%s", s.account, path, name)
}

// validateRoleName applies roleNameType: 1–64 characters of [\w+=,.@-].
func validateRoleName(name string) error {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return service.ValidationError("1 validation error detected: Value '%s' at 'roleName' failed to satisfy constraint: Member must have length greater than or equal to 1", name)
	case n > MaxRoleNameLen:
		return service.ValidationError("1 validation error detected: Value '%s' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to %d", name, MaxRoleNameLen)
	case model.ValidateUserName(name) != nil: // the same character set as user names
		return service.ValidationError(`1 validation error detected: Value '%s' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`, name)
	}
	return nil
}

func validateRoleDescription(d *string) error {
	if d == nil {
		return nil
	}
	if utf8.RuneCountInString(*d) > maxRoleDescriptionLen {
		return service.ValidationError("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to %d", maxRoleDescriptionLen)
	}
	if !roleDescriptionChars.MatchString(*d) {
		return service.ValidationError(`1 validation error detected: Value at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`)
	}
	return nil
}

// validateDocumentMember applies policyDocumentType to a trust policy member
// (assumeRolePolicyDocument, policyDocument).
func validateDocumentMember(doc *string, member string) error {
	if doc == nil {
		return service.ValidationError("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must not be null", member)
	}
	if err := model.ValidatePolicyDocument(*doc); err != nil {
		var fe *model.FieldError
		if errors.As(err, &fe) && fe.ID == "ValidatePolicyDocumentLength" {
			return service.ValidationError("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", member, model.MaxPolicyDocumentLen)
		}
		return validationFrom(err)
	}
	return nil
}

func (s *Service) createRole(c *service.Call, in *createRoleInput) (*roleOutput, error) {
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	var errs model.Errors
	errs.Add(model.ValidatePath(path))
	errs.Add(model.ValidateTags(toModelTags(in.Tags)))
	if err := errs.Err(); err != nil {
		return nil, validationFrom(err)
	}
	if err := validateDocumentMember(in.AssumeRolePolicyDocument, "assumeRolePolicyDocument"); err != nil {
		return nil, err
	}
	if err := validateRoleDescription(in.Description); err != nil {
		return nil, err
	}
	duration := MinMaxSessionDuration
	if in.MaxSessionDuration != nil {
		if err := validateMaxSessionDuration(*in.MaxSessionDuration); err != nil {
			return nil, err
		}
		duration = *in.MaxSessionDuration
	}
	if in.PermissionsBoundary != nil {
		// The simulator does not model role permissions boundaries; refusing is
		// better than silently granting more than the boundary would.
		return nil, protocol.NewError(400, "InvalidInput", "The simulator does not support permissions boundaries on roles.")
	}
	arn := s.roleArn(path, in.RoleName)
	cond := map[string][]string{}
	if len(in.Tags) > 0 {
		cond["aws:TagKeys"] = tagKeysOf(in.Tags)
		for _, t := range in.Tags {
			cond["aws:RequestTag/"+t.Key] = []string{t.Value}
		}
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "iam:CreateRole", Resource: arn, Context: cond}); err != nil {
		return nil, err
	}
	doc := *in.AssumeRolePolicyDocument
	if _, err := ParseTrustPolicy(doc); err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Role", Name: in.RoleName}}
	r := Role{Path: path, RoleName: in.RoleName, RoleId: NewRoleID(), Arn: arn, CreateDate: c.Now.Truncate(time.Second),
		Description: in.Description, MaxSessionDuration: &duration, Tags: in.Tags}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_roles`).Scan(&n); err != nil {
			return err
		}
		if n >= MaxRoles {
			return quotaExceeded("RolesPerAccount", MaxRoles)
		}
		var existing string
		err := tx.QueryRow(`SELECT name FROM iam_roles WHERE name = ?`, r.RoleName).Scan(&existing)
		if err == nil {
			return protocol.Errorf(409, "EntityAlreadyExists", "Role with name %s already exists.", r.RoleName)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO iam_roles(role_id, name, path, create_date, assume_role_policy, description, max_session_duration)
			VALUES(?,?,?,?,?,?,?)`, r.RoleId, r.RoleName, r.Path, r.CreateDate.UnixMilli(), doc, in.Description, duration); err != nil {
			return err
		}
		for i, t := range in.Tags {
			if _, err := tx.Exec(`INSERT INTO iam_role_tags(role_id, ord, key, value) VALUES(?,?,?,?)`, r.RoleId, i, t.Key, t.Value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	enc := encodeDocument(doc)
	r.AssumeRolePolicyDocument = &enc
	return &roleOutput{Role: &r}, nil
}

func validateMaxSessionDuration(d int) error {
	if d < MinMaxSessionDuration {
		return service.ValidationError("1 validation error detected: Value '%d' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to %d", d, MinMaxSessionDuration)
	}
	if d > MaxMaxSessionDuration {
		return service.ValidationError("1 validation error detected: Value '%d' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to %d", d, MaxMaxSessionDuration)
	}
	return nil
}

// storedRole is a role row with its trust policy as written.
type storedRole struct {
	Role
	trust string
}

const roleColumns = `role_id, name, path, create_date, assume_role_policy, description, max_session_duration`

func (s *Service) scanRole(row interface{ Scan(...any) error }) (storedRole, error) {
	var r storedRole
	var created int64
	var description sql.NullString
	var duration int
	if err := row.Scan(&r.RoleId, &r.RoleName, &r.Path, &created, &r.trust, &description, &duration); err != nil {
		return r, err
	}
	r.CreateDate = time.UnixMilli(created).UTC()
	r.Arn = s.roleArn(r.Path, r.RoleName)
	if description.Valid {
		d := description.String
		r.Description = &d
	}
	r.MaxSessionDuration = &duration
	enc := encodeDocument(r.trust)
	r.AssumeRolePolicyDocument = &enc
	return r, nil
}

func (s *Service) roleByName(ctx context.Context, q querier, name string) (storedRole, error) {
	r, err := s.scanRole(q.QueryRowContext(ctx, `SELECT `+roleColumns+` FROM iam_roles WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return r, noSuchRole(name)
	}
	return r, err
}

// authorizeRole asks for action on the named role and then loads it; like users, a
// missing role is reported only after authorization.
func (s *Service) authorizeRole(c *service.Call, action, name string, cond map[string][]string) (storedRole, error) {
	if err := validateRoleName(name); err != nil {
		return storedRole{}, err
	}
	r, err := s.roleByName(c.Ctx, s.db.SQL(), name)
	found := err == nil
	if err != nil && !isNoSuch(err) {
		return r, err
	}
	path := "/"
	if found {
		path, name = r.Path, r.RoleName
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: s.roleArn(path, name), Context: cond}); err != nil {
		return r, err
	}
	if !found {
		return r, noSuchRole(name)
	}
	return r, nil
}

func (s *Service) getRole(c *service.Call, in *roleNameInput) (*roleOutput, error) {
	r, err := s.authorizeRole(c, "iam:GetRole", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	if r.Tags, err = s.roleTags(c.Ctx, r.RoleId); err != nil {
		return nil, err
	}
	return &roleOutput{Role: &r.Role}, nil
}

// listRoles pages roles in name order; listings carry no tags, as IAM's do not.
func (s *Service) listRoles(c *service.Call, in *listRolesInput) (*listRolesOutput, error) {
	prefix := "/"
	if in.PathPrefix != nil && *in.PathPrefix != "" {
		if !pathPrefixPattern.MatchString(*in.PathPrefix) {
			return nil, service.ValidationError(`1 validation error detected: Value '%s' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*`, *in.PathPrefix)
		}
		prefix = *in.PathPrefix
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	if err := c.Authorize("iam:ListRoles", fmt.Sprintf("arn:aws:iam::%s:role%s", s.account, prefix)); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT `+roleColumns+` FROM iam_roles WHERE substr(path, 1, ?) = ?`, len(prefix), prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []Role
	for rows.Next() {
		r, err := s.scanRole(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, r.Role)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	key := func(r Role) string { return sortKey(r.RoleName) }
	sort.Slice(all, func(i, j int) bool { return key(all[i]) < key(all[j]) })
	page, truncated, next := pageSlice(all, key, p)
	return &listRolesOutput{Roles: append([]Role{}, page...), IsTruncated: truncated, Marker: next}, nil
}

// deleteRoleConflicts are what IAM requires gone before a role can be deleted.
var deleteRoleConflicts = []struct{ query, conflict string }{
	{`SELECT count(*) FROM iam_role_policy_attachments WHERE role_id = ?`, "detach all policies"},
	{`SELECT count(*) FROM iam_role_policies WHERE role_id = ?`, "delete policies"},
}

func (s *Service) deleteRole(c *service.Call, in *roleNameInput) (*struct{}, error) {
	r, err := s.authorizeRole(c, "iam:DeleteRole", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Role", Name: r.RoleName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, ch := range deleteRoleConflicts {
			var n int
			if err := tx.QueryRow(ch.query, r.RoleId).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return deleteConflict(ch.conflict)
			}
		}
		_, err := tx.Exec(`DELETE FROM iam_roles WHERE role_id = ?`, r.RoleId)
		return err
	})
}

func (s *Service) updateAssumeRolePolicy(c *service.Call, in *updateAssumeRolePolicyInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if err := validateDocumentMember(in.PolicyDocument, "policyDocument"); err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:UpdateAssumeRolePolicy", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	if _, err := ParseTrustPolicy(*in.PolicyDocument); err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Role", Name: r.RoleName}}
	_, err = s.db.SQL().ExecContext(c.Ctx, `UPDATE iam_roles SET assume_role_policy = ? WHERE role_id = ?`, *in.PolicyDocument, r.RoleId)
	return nil, err
}
