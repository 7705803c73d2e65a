package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// decodeEngineRequest fills dst, a pointer to one of the engines' request
// structs, from a JSON body (unknown fields refused) or from form fields
// named by the structs' json tags, URL-encoded or multipart; in a
// multipart form a file part may give a text field (an uploaded .nfg,
// .efg or YAML file). Fields absent from the request keep the values dst
// holds (the defaults).
func decodeEngineRequest(r *http.Request, dst any) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(dst); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return err
			}
			return BadRequest("", fmt.Errorf("request body: %w", err))
		}
		return nil
	}
	if ct == "multipart/form-data" {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return formError(err)
		}
	} else if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	v := reflect.ValueOf(dst).Elem()
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		f := v.Field(i)
		if r.MultipartForm != nil && f.Kind() == reflect.String {
			if fh := r.MultipartForm.File[name]; len(fh) > 0 {
				file, err := fh[0].Open()
				if err != nil {
					return BadRequest(name, err)
				}
				b, err := io.ReadAll(file)
				file.Close()
				if err != nil {
					return BadRequest(name, err)
				}
				f.SetString(string(b))
				continue
			}
		}
		vals, ok := r.Form[name]
		if !ok || len(vals) == 0 {
			continue
		}
		if err := setFormField(f, name, vals); err != nil {
			return err
		}
	}
	return nil
}

func formError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return BadRequest("", err)
}

// setFormField sets one field from its form values.
func setFormField(f reflect.Value, name string, vals []string) error {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := setFormField(p.Elem(), name, vals); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	s := strings.TrimSpace(vals[0])
	switch f.Kind() {
	case reflect.String:
		f.SetString(vals[0])
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return badRequestf(name, "%s: want true or false, got %q", name, s)
		}
		f.SetBool(b)
	case reflect.Int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return badRequestf(name, "%s: want a whole number, got %q", name, s)
		}
		f.SetInt(int64(n))
	case reflect.Uint64:
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return badRequestf(name, "%s: want a non-negative whole number, got %q", name, s)
		}
		f.SetUint(n)
	case reflect.Float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return badRequestf(name, "%s: want a number, got %q", name, s)
		}
		f.SetFloat(x)
	case reflect.Slice: // []int: repeated fields or one comma-separated list
		var ns []int
		for _, v := range vals {
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p == "" {
					continue
				}
				n, err := strconv.Atoi(p)
				if err != nil {
					return badRequestf(name, "%s: want whole numbers, got %q", name, p)
				}
				ns = append(ns, n)
			}
		}
		f.Set(reflect.ValueOf(ns))
	default:
		panic("web: form field " + name + " of an unsupported kind")
	}
	return nil
}
