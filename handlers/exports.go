package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path"

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

// importTemplate reads an uploaded or pasted template into a new design.
// A template archlab cannot read comes back with the error and the text
// as typed.
func (h *Handler) importTemplate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(h.opts.MaxBody); err != nil && err != http.ErrNotMultipart {
		h.fail(w, r, bodyError(err))
		return
	}
	source := r.FormValue("source")
	data, name := []byte(source), "" // a pasted template has no file name
	if file, header, err := r.FormFile("template"); err == nil {
		defer file.Close()
		if data, err = readUpload(file, header); err != nil {
			h.fail(w, r, err)
			return
		}
		name = path.Base(header.Filename)
	}
	again := func(status int, msg string) {
		h.render(w, r, status, "Import a template", pages.ImportPage(pages.ImportView{Source: source, Error: msg}))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		again(http.StatusUnprocessableEntity, "Choose a file or paste a template first.")
		return
	}
	imp, err := iac.Import(data, name, h.cat)
	if err != nil {
		again(http.StatusUnprocessableEntity, "archlab could not read this template: "+err.Error())
		return
	}
	c, err := h.store.CreateDesign(r.Context(), imp.Design)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // the page holds the edit link
	h.render(w, r, http.StatusCreated, "Imported "+c.Design.Title, pages.ImportedPage(pages.ImportedView{
		Title: c.Design.Title, Blocks: len(c.Design.Blocks), Connections: len(c.Design.Connections), Notes: imp.Notes,
		EditURL: h.editURL(r, c.EditKey), ViewURL: h.viewURL(r, c.Design.ID),
	}))
}

func readUpload(f multipart.File, header *multipart.FileHeader) ([]byte, error) {
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, design.Errorf(design.EMALFORMED, "the file %s could not be read", header.Filename)
	}
	return b, nil
}

// bodyError turns a failure to read a form into the error to answer.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return design.Errorf(design.EMALFORMED, "the form could not be read: %v", err)
}
