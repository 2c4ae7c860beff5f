# A singly linked list with nodes as objects.
class Node:
    def __init__(self, value, next_node=None):
        self.value = value
        self.next = next_node

class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0

    def push_front(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def to_list(self):
        out = []
        node = self.head
        while node is not None:
            out.append(node.value)
            node = node.next
        return out

    def reverse(self):
        prev = None
        node = self.head
        while node is not None:
            following = node.next
            node.next = prev
            prev = node
            node = following
        self.head = prev

    def remove(self, value):
        prev = None
        node = self.head
        while node is not None:
            if node.value == value:
                if prev is None:
                    self.head = node.next
                else:
                    prev.next = node.next
                self.size -= 1
                return True
            prev = node
            node = node.next
        return False

lst = LinkedList()
for v in [5, 4, 3, 2, 1]:
    lst.push_front(v)
print(lst.to_list(), lst.size)
lst.reverse()
print(lst.to_list())
print(lst.remove(3), lst.remove(42), lst.remove(5))
print(lst.to_list(), lst.size)
lst.reverse()
print(lst.to_list(), lst.head.value, lst.head.next.next.next)
