package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// decodeEngineRequest fills dst, a pointer to one of the engines' request
// structs, whose field tagged json:"<file>" holds the text of an input
// file. Like the other upload endpoints it accepts
//
//   - a JSON object (application/json), the file as a string field
//     (unknown fields refused);
//   - the file itself as the body (text/plain, application/yaml or any
//     other type but a form), the options in the query string;
//   - a form, URL-encoded or multipart: the file uploaded in field <file>
//     or pasted in <file>_text (readUpload), the options in fields.
//
// Options are named by the structs' json tags; absent or empty ones keep
// the values dst holds (the defaults). The file is capped at MaxUploadBytes. label
// names the file in messages: the uploaded file's name, or the field's.
func decodeEngineRequest(r *http.Request, file string, dst any) (label string, err error) {
	v := reflect.ValueOf(dst).Elem()
	fileField := func() reflect.Value {
		for i := range v.NumField() {
			if name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ","); name == file {
				return v.Field(i)
			}
		}
		panic("web: request struct without a field " + file)
	}()
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(dst); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return "", err
			}
			return "", BadRequest("", fmt.Errorf("request body: %w", err))
		}
		if len(fileField.String()) > MaxUploadBytes {
			return "", badRequestf(file, "%s: larger than %d MiB", file, MaxUploadBytes>>20)
		}
		return file, nil
	}
	data, label, err := readUpload(r, file)
	if err != nil {
		return "", err
	}
	fileField.SetString(string(data))
	values := r.Form // a form's fields and the query
	if values == nil {
		values = r.URL.Query() // the body was the file
	}
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		// An empty form field is the option's default.
		if vals := values[name]; name != file && len(vals) > 0 && strings.TrimSpace(vals[0]) != "" {
			if err := setFormField(v.Field(i), name, vals); err != nil {
				return "", err
			}
		}
	}
	return label, nil
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
