// pulumi-sdkgen-alicloud-secure-phone writes the Python and Go SDKs of the provider from its schema, with
// Pulumi's own code generators (pkg/v3 codegen), at the version given (package.json's, the one version of
// every artifact). The language hosts that build here are too old to generate SDKs (`pulumi package
// gen-sdk` needs GeneratePackage), so the generators are called directly.
//
// The published Python SDK is packaged with a pyproject.toml whose license is an SPDX string: pkg/v3's
// pyproject writer emits a `[project.license]` table, which setuptools deprecates (removal announced for
// 2027-02), so it is rewritten here. The schema itself asks for setup.py (python.pyproject disabled), whose
// `license=` string draws no warning: that is what `pulumi package add` generates with the user's CLI.
//
//	go run . <schema.json> <version> <sdk folder>
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The tool name generated files carry in their "do not edit" header.
const tool = "pulumi-sdkgen-alicloud-secure-phone"

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: %s <schema.json> <version> <sdk folder>", tool))
	}
	schemaPath, version, sdkDir := os.Args[1], os.Args[2], os.Args[3]

	var spec schema.PackageSpec
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		fail(err)
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		fail(fmt.Errorf("%s: %w", schemaPath, err))
	}
	if _, err := semver.ParseTolerant(version); err != nil {
		fail(fmt.Errorf("version %q: %w", version, err))
	}
	// The schema file carries no version: it is stamped here, so one version (package.json's) is in every SDK.
	spec.Version = version
	if spec.License == "" {
		fail(fmt.Errorf("%s: no license: the SDKs' metadata needs its SPDX expression", schemaPath))
	}
	if err := enablePyproject(&spec); err != nil {
		fail(err)
	}

	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		fail(err)
	}
	if diags.HasErrors() {
		fail(diags)
	}

	python, err := pygen.GeneratePackage(tool, pkg, nil, noOtherPackages{})
	if err != nil {
		fail(fmt.Errorf("python: %w", err))
	}
	if python["pyproject.toml"], err = spdxLicense(python["pyproject.toml"], spec.License); err != nil {
		fail(fmt.Errorf("python: pyproject.toml: %w", err))
	}
	// pyproject.toml names README.md beside it (the long description PyPI shows); the generator writes the
	// readme into the package folder only.
	readme, ok := python[filepath.Join(pythonPackageName(spec), "README.md")]
	if !ok {
		fail(fmt.Errorf("python: the generator wrote no README.md (language.python.readme)"))
	}
	python["README.md"] = readme
	write(filepath.Join(sdkDir, "python"), python)

	golang, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		fail(fmt.Errorf("go: %w", err))
	}
	write(filepath.Join(sdkDir, "go"), golang)
}

// write replaces the folder's generated files with these; files the generator does not write (a README of
// ours, go.mod) are left alone.
func write(dir string, files map[string][]byte) {
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fail(err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			fail(err)
		}
	}
}

// enablePyproject asks the Python generator for a pyproject.toml, whatever the schema's own option says.
func enablePyproject(spec *schema.PackageSpec) error {
	options := map[string]any{}
	if raw, ok := spec.Language["python"]; ok {
		if err := json.Unmarshal(raw, &options); err != nil {
			return fmt.Errorf("language.python: %w", err)
		}
	}
	options["pyproject"] = map[string]any{"enabled": true}
	raw, err := json.Marshal(options)
	if err != nil {
		return err
	}
	spec.Language["python"] = raw
	return nil
}

// spdxLicense replaces the `[project.license]` table with `license = "<SPDX expression>"`, which setuptools
// reads from 77.0 on (so the build requires it).
func spdxLicense(pyproject []byte, license string) ([]byte, error) {
	var doc map[string]any
	if _, err := toml.Decode(string(pyproject), &doc); err != nil {
		return nil, err
	}
	project, ok := doc["project"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no [project] table")
	}
	project["license"] = license
	build, ok := doc["build-system"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no [build-system] table")
	}
	build["requires"] = []string{"setuptools>=77.0"}
	var out bytes.Buffer
	if err := toml.NewEncoder(&out).Encode(doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// pythonPackageName is the schema's python.packageName, the folder the generator writes the package into.
func pythonPackageName(spec schema.PackageSpec) string {
	var options struct {
		PackageName string `json:"packageName"`
	}
	_ = json.Unmarshal(spec.Language["python"], &options)
	return options.PackageName
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
	os.Exit(1)
}

// noOtherPackages is the loader for a schema that refers to no other package: asked for one, it says so.
type noOtherPackages struct{}

func (noOtherPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it should refer to none", pkg)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (l noOtherPackages) LoadPackageReference(pkg string, v *semver.Version) (schema.PackageReference, error) {
	_, err := l.LoadPackage(pkg, v)
	return nil, err
}

func (l noOtherPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}
