namespace SelfHeal.Security;

/// <summary>
/// Risky constructs per language: process execution, dynamic code loading, unsafe deserialization, disabled TLS
/// validation, SQL built from strings and new network clients. Patterns read one added line at a time; they aim
/// at what a bug fix has no business introducing, so an advisory match lowers confidence rather than proving harm.
/// </summary>
internal static class DangerousCodeRules
{
    private const string Sql = @"(?:SELECT\s.*?\bFROM\b|INSERT\s+INTO\b|UPDATE\s+\S+\s+SET\b|DELETE\s+FROM\b|\bWHERE\s)";

    public static IReadOnlyList<DangerousCodeRule> All { get; } =
    [
        // Process execution.
        Rule(SecurityRuleIds.ProcessExecution, SecuritySeverity.High, SourceLanguage.CSharp,
            @"\bProcess\.Start\s*\(|\bnew\s+(?:System\.Diagnostics\.)?ProcessStartInfo\b", "starts a process"),
        Rule(SecurityRuleIds.ProcessExecution, SecuritySeverity.High, SourceLanguage.Python,
            @"\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\s*\(|\bos\.(?:system|popen|exec[lv]p?e?|spawn\w*)\s*\(|\bpty\.spawn\s*\(",
            "runs a shell command or process"),
        Rule(SecurityRuleIds.ProcessExecution, SecuritySeverity.High, SourceLanguage.JavaScript,
            @"\bchild_process\b|(?<![.\w])(?:execSync|execFile|execFileSync|spawnSync)\s*\(", "uses child_process to run a command"),
        Rule(SecurityRuleIds.ProcessExecution, SecuritySeverity.High, SourceLanguage.Java,
            @"\bRuntime\.getRuntime\(\)\s*\.exec\s*\(|\bnew\s+ProcessBuilder\s*\(", "starts an operating-system process"),
        Rule(SecurityRuleIds.ProcessExecution, SecuritySeverity.High, SourceLanguage.Go,
            @"\bexec\.Command(?:Context)?\s*\(|\bsyscall\.Exec\s*\(|\bos\.StartProcess\s*\(", "starts an operating-system process"),

        // Dynamic code loading.
        Rule(SecurityRuleIds.DynamicCode, SecuritySeverity.High, SourceLanguage.CSharp,
            @"\bAssembly\.(?:Load|LoadFrom|LoadFile|UnsafeLoadFrom)\s*\(|\bLoadFromAssemblyPath\s*\(|\bCSharpScript\.(?:EvaluateAsync|RunAsync|Create)\b|\bActivator\.CreateInstance\s*\(\s*Type\.GetType\s*\(|\.InvokeMember\s*\(",
            "loads or runs code chosen at run time"),
        Rule(SecurityRuleIds.DynamicCode, SecuritySeverity.High, SourceLanguage.Python,
            @"(?<![.\w])(?:eval|exec)\s*\(|\bimportlib\.import_module\s*\(\s*(?![""'])|(?<![.\w])__import__\s*\(\s*(?![""'])",
            "evaluates or imports code chosen at run time"),
        Rule(SecurityRuleIds.DynamicCode, SecuritySeverity.High, SourceLanguage.JavaScript,
            @"(?<![.\w])eval\s*\(|\bnew\s+Function\s*\(|\bset(?:Timeout|Interval)\s*\(\s*[""'`]|\bvm\.(?:runIn\w*Context|runInThisContext|Script)\b|\brequire\s*\(\s*(?![""'`\s)])",
            "evaluates or loads code chosen at run time"),
        Rule(SecurityRuleIds.DynamicCode, SecuritySeverity.High, SourceLanguage.Java,
            @"\bClass\.forName\s*\(\s*(?!"")|\.newInstance\s*\(|\bScriptEngineManager\b|\bURLClassLoader\b|\.defineClass\s*\(",
            "loads or instantiates classes chosen at run time"),
        Rule(SecurityRuleIds.DynamicCode, SecuritySeverity.High, SourceLanguage.Go,
            @"\.MethodByName\s*\(|\breflect\.ValueOf\s*\(.*\)\.Call\s*\(|\.Call\s*\(\s*\[\]reflect\.Value|\bplugin\.Open\s*\(",
            "calls code chosen at run time through reflection or plugins"),

        // Unsafe deserialization.
        Rule(SecurityRuleIds.UnsafeDeserialization, SecuritySeverity.Critical, SourceLanguage.CSharp,
            @"\b(?:BinaryFormatter|NetDataContractSerializer|SoapFormatter|LosFormatter|ObjectStateFormatter)\b|\bTypeNameHandling\.(?:All|Auto|Objects|Arrays)\b",
            "deserializes with a formatter that can instantiate arbitrary types"),
        Rule(SecurityRuleIds.UnsafeDeserialization, SecuritySeverity.Critical, SourceLanguage.Python,
            @"\b(?:c?[Pp]ickle|dill|marshal)\.loads?\s*\(|\bshelve\.open\s*\(|\byaml\.unsafe_load\s*\(|\byaml\.load\s*\((?![^)]*Loader\s*=\s*(?:yaml\.)?C?SafeLoader)|\bjsonpickle\.decode\s*\(",
            "deserializes untrusted data into arbitrary objects"),
        Rule(SecurityRuleIds.UnsafeDeserialization, SecuritySeverity.Critical, SourceLanguage.JavaScript,
            @"\bnode-serialize\b|(?<![.\w])unserialize\s*\(|\bfuncster\b", "deserializes with a library that runs embedded functions"),
        Rule(SecurityRuleIds.UnsafeDeserialization, SecuritySeverity.Critical, SourceLanguage.Java,
            @"\bnew\s+ObjectInputStream\s*\(|\bXMLDecoder\b|\.enableDefaultTyping\s*\(|\bactivateDefaultTyping\s*\(|\bnew\s+XStream\s*\(",
            "deserializes untrusted data into arbitrary objects"),

        // Disabled TLS validation.
        Rule(SecurityRuleIds.TlsValidationDisabled, SecuritySeverity.High, SourceLanguage.CSharp,
            @"(?:ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|RemoteCertificateValidationCallback)\b.*=>\s*true\b|\bDangerousAcceptAnyServerCertificateValidator\b",
            "accepts any TLS certificate"),
        Rule(SecurityRuleIds.TlsValidationDisabled, SecuritySeverity.High, SourceLanguage.Python,
            @"\bverify\s*=\s*False\b|\b_create_unverified_context\b|\bCERT_NONE\b|\bcheck_hostname\s*=\s*False\b",
            "turns off TLS certificate verification"),
        Rule(SecurityRuleIds.TlsValidationDisabled, SecuritySeverity.High, SourceLanguage.JavaScript,
            @"\brejectUnauthorized\s*:\s*false\b|\bstrictSSL\s*:\s*false\b", "turns off TLS certificate verification"),
        Rule(SecurityRuleIds.TlsValidationDisabled, SecuritySeverity.High, SourceLanguage.Any,
            @"\bNODE_TLS_REJECT_UNAUTHORIZED\b[""'\]]?\s*[:=]\s*[""']?0\b", "sets NODE_TLS_REJECT_UNAUTHORIZED=0"),
        Rule(SecurityRuleIds.TlsValidationDisabled, SecuritySeverity.High, SourceLanguage.Java,
            @"\bTrustAll\w*|\bnew\s+X509TrustManager\s*\(|\bimplements\s+X509TrustManager\b|\bNoopHostnameVerifier\b|\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bTrustSelfSignedStrategy\b|setHostnameVerifier\s*\(.*->\s*true",
            "trusts every certificate or host name"),
        Rule(SecurityRuleIds.TlsValidationDisabled, SecuritySeverity.High, SourceLanguage.Go,
            @"\bInsecureSkipVerify\s*[:=]\s*true\b", "sets InsecureSkipVerify"),

        // SQL built from strings.
        Rule(SecurityRuleIds.SqlInjection, SecuritySeverity.High, SourceLanguage.Any,
            $@"""[^""]*{Sql}[^""]*""\s*\+\s*[\w(]|'[^']*{Sql}[^']*'\s*\+\s*[\w(]|\w\s*\+\s*(?:""[^""]*|'[^']*){Sql}",
            "builds SQL by concatenating values"),
        Rule(SecurityRuleIds.SqlInjection, SecuritySeverity.High, SourceLanguage.CSharp,
            $@"(?:\$@?|@\$)""[^""]*{Sql}[^""]*\{{", "builds SQL with string interpolation"),
        Rule(SecurityRuleIds.SqlInjection, SecuritySeverity.High, SourceLanguage.Python,
            $@"\b[fF](?:""[^""]*|'[^']*){Sql}[^""']*\{{|(?:""[^""]*{Sql}[^""]*""|'[^']*{Sql}[^']*')\s*(?:\.format\s*\(|%\s*[\w(])",
            "builds SQL with f-strings, .format or %"),
        Rule(SecurityRuleIds.SqlInjection, SecuritySeverity.High, SourceLanguage.JavaScript,
            $@"`[^`]*{Sql}[^`]*\$\{{", "builds SQL with a template literal"),
        Rule(SecurityRuleIds.SqlInjection, SecuritySeverity.High, SourceLanguage.Java | SourceLanguage.Go,
            $@"\b(?:String\.format|fmt\.Sprintf)\s*\(\s*""[^""]*{Sql}", "builds SQL with a format string"),

        // New network clients.
        Rule(SecurityRuleIds.NewNetworkClient, SecuritySeverity.Medium, SourceLanguage.CSharp,
            @"\bnew\s+(?:TcpClient|UdpClient|Socket|TcpListener|WebSocket|ClientWebSocket)\s*\(|\bBaseAddress\s*=", "opens a socket or sets an HTTP base address"),
        Rule(SecurityRuleIds.NewNetworkClient, SecuritySeverity.Medium, SourceLanguage.Python,
            @"\bsocket\.(?:socket|create_connection)\s*\(|\b(?:http\.client|ftplib|telnetlib|smtplib)\.\w+\s*\(", "opens a socket or network client"),
        Rule(SecurityRuleIds.NewNetworkClient, SecuritySeverity.Medium, SourceLanguage.JavaScript,
            @"\bnet\.(?:connect|createConnection|createServer)\s*\(|\bnew\s+WebSocket\s*\(|\bbaseURL\s*:", "opens a socket or sets an HTTP base URL"),
        Rule(SecurityRuleIds.NewNetworkClient, SecuritySeverity.Medium, SourceLanguage.Java,
            @"\bnew\s+(?:Socket|ServerSocket|DatagramSocket)\s*\(|\bHttpClient\.newHttpClient\s*\(", "opens a socket or HTTP client"),
        Rule(SecurityRuleIds.NewNetworkClient, SecuritySeverity.Medium, SourceLanguage.Go,
            @"\bnet\.(?:Dial|DialTimeout|Listen|ListenPacket)\s*\(", "opens a network connection or listener"),
    ];

    private static DangerousCodeRule Rule(string id, SecuritySeverity severity, SourceLanguage languages, string pattern, string message) =>
        new(id, severity, languages, SecurityRegex.Create(pattern), message);
}
