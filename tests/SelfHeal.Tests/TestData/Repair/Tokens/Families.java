class Families {
    String name(String a, String b, int n) {
        if (a == b) {
            return String.format("%3d", Math.min(n, 2));
        }
        try {
            return Integer.toString(Integer.parseInt(a));
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
