package s3

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// Key maps are built per screen from the session's localizer, never shared, so a
// language switch in one SSH session cannot change another's help. None of the
// letters collides with the table's keys (j k g G / s S n) or the JSON viewer's
// (j k h l g G b f u d space).

// bind is a binding whose help is translated.
func bind(c *common.Common, help, descID string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, c.T(descID)))
}

type bucketsKeys struct {
	Open    key.Binding
	Create  key.Binding
	Copy    key.Binding
	Refresh key.Binding
}

func newBucketsKeys(c *common.Common) bucketsKeys {
	return bucketsKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Create:  bind(c, "c", "S3KeyCreateBucket", "c"),
		Copy:    bind(c, "y", "S3KeyCopyURI", "y"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}

type folderKeys struct {
	Open    key.Binding
	Find    key.Binding
	Copy    key.Binding
	Refresh key.Binding
	// While the "Find objects by prefix" input has focus.
	Apply  key.Binding
	Cancel key.Binding
}

func newFolderKeys(c *common.Common) folderKeys {
	return folderKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Find:    bind(c, "/", "S3KeyFindPrefix", "/"),
		Copy:    bind(c, "y", "S3KeyCopyURI", "y"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
		Apply:   bind(c, "enter", "KeyApplyFilter", "enter"),
		Cancel:  bind(c, "esc", "KeyCancel", "esc"),
	}
}

type objectKeys struct {
	NextTab  key.Binding
	PrevTab  key.Binding
	Open     key.Binding // a record of a CloudTrail log file
	Download key.Binding
	Delete   key.Binding
	Copy     key.Binding
	Refresh  key.Binding
}

func newObjectKeys(c *common.Common) objectKeys {
	return objectKeys{
		NextTab:  bind(c, "tab", "S3KeyNextTab", "tab"),
		PrevTab:  bind(c, "shift+tab", "S3KeyPrevTab", "shift+tab"),
		Open:     bind(c, "enter", "S3KeyOpenRecord", "enter"),
		Download: bind(c, "w", "S3KeyDownload", "w"),
		Delete:   bind(c, "x", "S3KeyDelete", "x"),
		Copy:     bind(c, "y", "S3KeyCopyURI", "y"),
		Refresh:  bind(c, "r", "KeyRefresh", "r"),
	}
}

// promptKeys are the keys of the download path prompt.
type promptKeys struct {
	Save   key.Binding
	Cancel key.Binding
}

func newPromptKeys(c *common.Common) promptKeys {
	return promptKeys{
		Save:   bind(c, "enter", "S3KeySave", "enter"),
		Cancel: bind(c, "esc", "KeyCancel", "esc"),
	}
}

// createKeys are the keys of Create bucket.
type createKeys struct {
	Submit key.Binding
	Cancel key.Binding
}

func newCreateKeys(c *common.Common) createKeys {
	return createKeys{
		Submit: bind(c, "ctrl+s", "S3KeyCreateBucket", "ctrl+s"),
		Cancel: bind(c, "esc", "KeyCancel", "esc"),
	}
}
