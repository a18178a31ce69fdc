class Levels {
    enum Level { LOW, MEDIUM, HIGH }

    int weight(Level level) {
        switch (level) {
            case LOW: return 1;
            case HIGH: return 3;
            default: throw new IllegalArgumentException("level");
        }
    }
}
