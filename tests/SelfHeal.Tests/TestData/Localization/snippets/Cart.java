package shop;

import java.util.ArrayList;
import java.util.List;

public class Cart {
    private final List<Integer> prices = new ArrayList<>();

    @Override
    public String toString() {
        return "Cart{" + prices + "}";
    }

    public int total() throws IllegalStateException {
        int sum = 0;
        for (int i = 0; i < prices.size(); i++) {
            sum += prices.get(i);
        }
        return sum;
    }
}
