package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/labconsole/labconsole/model/lab"
)

// labFiles are the guided labs, as YAML an instructor can edit without Go.
//
//go:embed labs/*.yaml
var labFiles embed.FS

// LabIDs lists the embedded labs by ID (the file name without .yaml).
func LabIDs() []string {
	entries, _ := fs.ReadDir(labFiles, "labs")
	var ids []string
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(ids)
	return ids
}

// Lab parses the embedded lab id. Errors name the file, line and field.
func Lab(id string) (*lab.Lab, error) {
	name := path.Join("labs", id+".yaml")
	data, err := labFiles.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("no lab %q (have: %s)", id, strings.Join(LabIDs(), ", "))
	}
	return lab.Parse("assets/"+name, data)
}
