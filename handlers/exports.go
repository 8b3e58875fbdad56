package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/web/pages"
)

// exportDesign downloads a design as SAM, Mermaid, SVG, PNG or archlab JSON.
func (h *Handler) exportDesign(w http.ResponseWriter, r *http.Request, s *editorSession) {
	d := s.design
	f, ok := exports.Lookup(chi.URLParam(r, "format"))
	if !ok {
		h.renderError(w, r, http.StatusNotFound, "archlab exports "+exports.Names()+".")
		return
	}
	out, err := exports.Render(r.Context(), f, d, h.cat, h.rules)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, exports.FileName(f, d)))
	w.Write(out)
}

func (h *Handler) showImport(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "Import a template", pages.ImportPage(pages.ImportView{}))
}

// importTemplate reads an uploaded or pasted template into a new design:
// pasted text, one file, several files (a template and the files it
// references), or a zip of a project. A template archlab cannot read comes
// back with the error and the text as typed; an upload over the limits is
// 413, one that is malformed (a path out of the archive, no template) 422.
func (h *Handler) importTemplate(w http.ResponseWriter, r *http.Request) {
	// ParseMultipartForm drops ParseForm's error for a urlencoded body,
	// an oversized one included, so the form is parsed on its own first.
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, bodyError(err))
		return
	}
	if err := r.ParseMultipartForm(h.opts.MaxBody); err != nil && err != http.ErrNotMultipart {
		h.fail(w, r, bodyError(err))
		return
	}
	source := r.FormValue("source")
	again := func(status int, msg string, candidates []string) {
		h.render(w, r, status, "Import a template", pages.ImportPage(pages.ImportView{Source: source, Error: msg, Candidates: candidates}))
	}
	var imp *iac.Imported
	var err error
	if r.MultipartForm != nil && len(r.MultipartForm.File["template"]) > 0 {
		var u *uploadFS
		if u, err = readUploads(r.MultipartForm.File["template"]); err == nil {
			var candidates []string
			imp, candidates, err = importUpload(u, r.FormValue("main"), h.cat)
			if len(candidates) > 0 {
				again(http.StatusUnprocessableEntity, err.Error(), candidates)
				return
			}
		}
		var ue *uploadError
		if errors.As(err, &ue) {
			status := http.StatusUnprocessableEntity
			if ue.tooLarge {
				status = http.StatusRequestEntityTooLarge
			}
			again(status, ue.msg, nil)
			return
		}
	} else {
		if len(bytes.TrimSpace([]byte(source))) == 0 {
			again(http.StatusUnprocessableEntity, "Choose a file or paste a template first.", nil)
			return
		}
		imp, err = iac.Import([]byte(source), "", h.cat) // a pasted template has no file name
	}
	if err != nil {
		again(http.StatusUnprocessableEntity, "archlab could not read this template: "+err.Error(), nil)
		return
	}
	c, err := h.store.CreateDesign(r.Context(), imp.Design)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // the page holds the edit link
	h.render(w, r, http.StatusCreated, "Imported "+c.Design.Title, pages.ImportedPage(pages.ImportedView{
		Title: c.Design.Title, Blocks: len(c.Design.Blocks), Connections: len(c.Design.Connections),
		Notes: imp.Notes, Problems: imp.Problems, Files: imp.Files,
		EditURL: h.editURL(r, c.EditKey), ViewURL: h.viewURL(r, c.Design.ID),
	}))
}

// bodyError turns a failure to read a form into the error to answer.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return design.Errorf(design.EMALFORMED, "the form could not be read: %v", err)
}
