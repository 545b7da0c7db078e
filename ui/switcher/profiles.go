package switcher

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Files are the shared config and credentials files, where the AWS CLI and SDKs
// look for them: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/.
func Files(getenv func(string) string) (config, credentials string) {
	home, _ := os.UserHomeDir()
	if h := getenv("HOME"); h != "" {
		home = h
	}
	config, credentials = getenv("AWS_CONFIG_FILE"), getenv("AWS_SHARED_CREDENTIALS_FILE")
	if config == "" {
		config = filepath.Join(home, ".aws", "config")
	}
	if credentials == "" {
		credentials = filepath.Join(home, ".aws", "credentials")
	}
	return config, credentials
}

// Profiles lists the profiles of both files, sorted, each once: "[default]" and
// "[profile NAME]" sections of the config file ("[sso-session …]" and "[services …]"
// are not profiles) and every section of the credentials file. A missing or
// unreadable file has no profiles.
func Profiles(getenv func(string) string) []string {
	config, credentials := Files(getenv)
	var out []string
	for _, s := range sections(config) {
		switch {
		case s == "default":
			out = append(out, s)
		case strings.HasPrefix(s, "profile "):
			if name := strings.TrimSpace(strings.TrimPrefix(s, "profile ")); name != "" {
				out = append(out, name)
			}
		}
	}
	out = append(out, sections(credentials)...)
	slices.Sort(out)
	return slices.Compact(out)
}

// sections are the names between [ ] of an INI file, in order.
func sections(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			if name := strings.TrimSpace(line[1 : len(line)-1]); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// Regions are the commercial Regions offered, with current first when it is not
// one of them (an opt-in Region, or the simulator's own).
func Regions(current string) []string {
	r := []string{
		"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
		"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
		"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	}
	if current != "" && !slices.Contains(r, current) {
		r = append([]string{current}, r...)
	}
	return r
}
