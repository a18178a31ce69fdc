class Strings {
    String block = """
        a < b
        """;
    char c = '<';
    boolean less(int a) { return a < 3; } // a < b
}
