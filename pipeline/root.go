package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kpreempt/kpreempt/kbuild"
)

// sourceRoot decides the root files are named relative to (see the
// package documentation). files are absolute; tree is the kernel tree
// they belong to, if any.
func sourceRoot(explicit string, files []string, tree *kbuild.Tree) (string, error) {
	if explicit != "" {
		abs, err := filepath.Abs(explicit)
		if err != nil {
			return "", err
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return "", fmt.Errorf("--srcroot %s is not a directory", explicit)
		}
		abs = realDir(abs)
		for _, f := range files {
			if !under(abs, f) {
				return "", fmt.Errorf("%s is outside --srcroot %s", f, explicit)
			}
		}
		return abs, nil
	}
	cwd, _ := os.Getwd()
	cwd = realDir(cwd)
	start := cwd
	if len(files) > 0 {
		start = filepath.Dir(files[0])
	}
	if top := gitTop(start); top != "" && allUnder(top, files) {
		return realDir(top), nil
	}
	if tree != nil {
		return realDir(tree.Root), nil
	}
	if allUnder(cwd, files) {
		return cwd, nil
	}
	common := filepath.Dir(files[0])
	for !allUnder(common, files) {
		common = filepath.Dir(common)
	}
	return common, nil
}

// realDir resolves the symbolic links of a directory, so that a root and
// the files below it are spelled alike.
func realDir(dir string) string {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return dir
}

// absPath makes a path absolute with the directory's symbolic links
// resolved (the file itself may be a link, or not exist yet).
func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return filepath.Join(realDir(filepath.Dir(abs)), filepath.Base(abs))
}

func under(root, file string) bool {
	rel, err := filepath.Rel(root, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func allUnder(root string, files []string) bool {
	for _, f := range files {
		if !under(root, f) {
			return false
		}
	}
	return true
}

// identity names a file relative to root, with forward slashes. Paths
// that name no file on disk (the embedded stub headers) stay as they are.
func identity(root, path string) string {
	if strings.HasPrefix(filepath.ToSlash(path), kbuild.StubDir+"/") {
		return filepath.ToSlash(path)
	}
	abs := absPath(path)
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}
