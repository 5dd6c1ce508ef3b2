package lsp

import (
	"net/url"
	"path/filepath"
	"strings"
)

// uriPath is the file path of a file: URI; other schemes (an editor's
// unsaved "untitled:" buffer) have none, and their configuration is looked
// for from the server's working folder.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	// file:///C:/x on Windows: the path starts with the drive letter.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// pathURI is the file: URI of an absolute path.
func pathURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
