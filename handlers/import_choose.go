package handlers

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
)

// importUpload imports the main template of an upload with the files it
// references: the one named by main, the only file, or else the one
// template no other template of the upload references (a nested stack's
// template is part of its parent). When several templates qualify it
// imports none and returns them, for the person to choose.
func importUpload(u *uploadFS, main string, cat *design.Catalogue) (*iac.Imported, []string, error) {
	if main == "" && len(u.files) == 1 {
		main = u.names()[0]
	}
	if main != "" {
		if _, ok := u.files[main]; !ok {
			return nil, nil, badUpload("the upload holds no file %s to import", main)
		}
		imp, err := importFile(u, main, cat)
		return imp, nil, err
	}
	var candidates []string
	for _, name := range u.names() {
		if iac.LooksLikeTemplate(u.files[name]) {
			candidates = append(candidates, name)
		}
	}
	switch len(candidates) {
	case 0:
		return nil, nil, badUpload("the upload holds no SAM or CloudFormation template (a YAML or JSON file with Resources of AWS types); it holds %s", listNames(u.names()))
	case 1:
		imp, err := importFile(u, candidates[0], cat)
		return imp, nil, err
	}
	imported := map[string]*iac.Imported{}
	referenced := map[string]bool{}
	for _, name := range candidates {
		imp, err := importFile(u, name, cat)
		if err != nil {
			continue // a template that does not read is nobody's parent
		}
		imported[name] = imp
		for _, f := range imp.Files[1:] {
			referenced[f] = true
		}
	}
	var roots []string
	for _, name := range candidates {
		if !referenced[name] {
			roots = append(roots, name)
		}
	}
	if len(roots) == 1 {
		if imp := imported[roots[0]]; imp != nil {
			return imp, nil, nil
		}
		imp, err := importFile(u, roots[0], cat)
		return imp, nil, err
	}
	if len(roots) == 0 {
		roots = candidates // they all reference each other
	}
	return nil, roots, badUpload("the upload holds %d templates that no other one references: %s. Choose the one to import and upload again.", len(roots), listNames(roots))
}

// importFile imports one template of an upload, its file name titling the
// design.
func importFile(u *uploadFS, name string, cat *design.Catalogue) (*iac.Imported, error) {
	imp, err := iac.ImportFS(u, name, cat)
	if err != nil {
		return nil, err
	}
	if imp.Design.Title == path.Base(name) {
		base := path.Base(name)
		imp.Design.Title = strings.TrimSuffix(base, path.Ext(base))
	}
	return imp, nil
}

// listNames gives file names for a message, the first ten of them.
func listNames(names []string) string {
	if len(names) > 10 {
		return strings.Join(slices.Clone(names[:10]), ", ") + fmt.Sprintf(" and %d more", len(names)-10)
	}
	return strings.Join(names, ", ")
}
