namespace SelfHeal.Policy;

/// <summary>
/// The paths no automatic fix may touch unless the server configuration says otherwise. A bug fix changes
/// source and, at most, adds tests; everything below changes how the code is built, tested, deployed or
/// trusted, so a patch touching it is refused rather than reviewed line by line.
/// </summary>
public static class DefaultForbiddenPaths
{
    public const string CiCategory = "CI and workflow files";
    public const string BuildCategory = "build scripts";
    public const string ProjectCategory = "project files";
    public const string DependencyCategory = "dependency manifests and lock files";
    public const string GitCategory = "git metadata";
    public const string SecretCategory = "secrets and key files";
    public const string SelfHealCategory = "SelfHeal's own repository policy";

    /// <summary>Always forbidden unless <see cref="PatchPolicyOptions.UseDefaultForbiddenPaths"/> is turned off.</summary>
    public static IReadOnlyList<ForbiddenPathRule> Rules { get; } =
    [
        .. Category(CiCategory, ".github/**", ".gitlab-ci.yml", ".gitlab/**", ".circleci/**", "azure-pipelines.yml",
            ".azure-pipelines/**", "Jenkinsfile", ".travis.yml", "bitbucket-pipelines.yml", ".buildkite/**", ".drone.yml",
            "appveyor.yml"),
        .. Category(BuildCategory, "build.sh", "build.ps1", "build.cmd", "Makefile", "GNUmakefile", "*.props", "*.targets",
            "Dockerfile", "Dockerfile.*", "*.dockerfile", "docker-compose*.yml", "global.json", "nuget.config", ".npmrc",
            ".pypirc"),
        .. Category(DependencyCategory, "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "requirements*.txt", "Pipfile", "Pipfile.lock", "poetry.lock", "pyproject.toml", "setup.py",
            "setup.cfg", "go.mod", "go.sum", "pom.xml", "packages.lock.json", "packages.config", "Directory.Packages.props",
            "Cargo.toml", "Cargo.lock", "Gemfile", "Gemfile.lock", "composer.json", "composer.lock"),
        .. Category(GitCategory, ".git*", ".git/**"),
        .. Category(SelfHealCategory, ".selfheal.yml", ".selfheal.yaml"),
        .. Category(SecretCategory, "**/*.pem", "**/*.key", "**/id_rsa*", "**/id_ed25519*", "**/id_ecdsa*", "**/.env*",
            "**/secrets.*", "**/*.pfx", "**/*.p12", "**/*.jks", "**/*.keystore"),
    ];

    /// <summary>
    /// Project files: they declare package references and can run arbitrary MSBuild or Gradle tasks at build time,
    /// so they are forbidden unless <see cref="PatchPolicyOptions.AllowProjectFiles"/> is set on the server.
    /// </summary>
    public static IReadOnlyList<ForbiddenPathRule> ProjectFileRules { get; } =
        Category(ProjectCategory, "*.csproj", "*.fsproj", "*.vbproj", "*.sln", "*.slnx", "build.gradle", "build.gradle.kts",
            "settings.gradle", "settings.gradle.kts", "CMakeLists.txt");

    private static ForbiddenPathRule[] Category(string category, params string[] globs) =>
        [.. globs.Select(glob => new ForbiddenPathRule(glob, category))];
}
